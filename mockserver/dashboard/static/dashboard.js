// The dashboard's only script of its own. A live refresh replaces the page's main region,
// so it waits while a person is typing in a form or reading an opened payload: their input
// and their place are kept, and the next change after that refreshes the page.
// Whether a request event stored something (the server's `wrote`): what may have made or
// changed a record. Reads stay quiet, Pinnacle's POST reads (`/brands/list`) included.
function mockserverWrote(event) {
  try {
    return JSON.parse(event.detail.data).wrote === true;
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
