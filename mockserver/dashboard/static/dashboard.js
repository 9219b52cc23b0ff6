// The dashboard's only script of its own. A live refresh replaces the page's main region,
// so it waits while a person is typing in a form or reading an opened payload: their input
// and their place are kept, and the next change after that refreshes the page.
// Whether a request event is a write that succeeded: what may have made or changed a record.
function mockserverWrote(event) {
  try {
    const request = JSON.parse(event.detail.data);
    return !["GET", "HEAD", "OPTIONS"].includes(request.method) && request.status < 400;
  } catch (error) {
    return true;
  }
}

function mockserverMayRefresh() {
  const active = document.activeElement;
  const typing = active && active.closest && active.closest("#live form") &&
    active.matches("input, select, textarea");
  return !typing && !document.querySelector("#live details[open]");
}
