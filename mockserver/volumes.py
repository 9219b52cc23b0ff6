"""Monthly message-volume buckets: Twilio's ``MessageVolume`` (onboarding guide, variant 2.2) and
Pinnacle's ``MessageVolumeEnum`` name the same eleven strings."""

MESSAGE_VOLUMES = (
    "10",
    "100",
    "1,000",
    "10,000",
    "100,000",
    "250,000",
    "500,000",
    "750,000",
    "1,000,000",
    "5,000,000",
    "10,000,000+",
)
