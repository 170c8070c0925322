"""The one registry of ratification status and action labels: every page, figure, feed and API answer
takes its wording from here (translated with ``_()`` where shown)."""
from __future__ import annotations

from dashboard.i18n import N_

# Display statuses, in legend order.
STATUSES = ("party", "party_not_in_force", "party_undated", "signatory", "denounced", "not_party", "no_record", "no_data")
PARTY_STATUSES = ("party", "party_not_in_force", "party_undated")
STATUS_LABELS = {
    "party": "Party",
    "party_not_in_force": "Ratified, not yet in force",
    "party_undated": "Party, date unknown",
    "signatory": "Signed, not ratified",
    "denounced": "Denounced",
    "not_party": "No action recorded",
    "no_record": "No record in this release",
    "no_data": "No data in this release",
}
STATUS_HELP = {
    "party": "Bound by the instrument (ratification, accession, succession, acceptance or approval deposited or registered).",
    "party_not_in_force": "ILO ratification registered; the convention enters into force for that member 12 months later.",
    "party_undated": "Listed as a party by a yes/no source, without a date; never placed on a timeline.",
    "signatory": "Signed, but no consent to be bound deposited by that date.",
    "denounced": "Was bound, then denounced (including automatic denunciations by ratifying a later convention).",
    "not_party": "The depositary's list is complete for that date and records no action by this state.",
    "no_record": "Nothing in this release, but the list is partial or does not reach that date: absence proves nothing.",
    "no_data": "This release has no ratification list for the instrument.",
}
# A status with its date, or the date its list reaches (the corridor page's protection table)
STATUS_WITH_DATE = {
    "party": N_("Party since {date}"),
    "signatory": N_("Signed {date}, not ratified"),
    "denounced": N_("Denounced {date}"),
    "party_undated": N_("Party (undated record)"),
    "not_party": N_("Not a party (list current to {as_of})"),
    "no_record": N_("No record (list only to {as_of}; later ratifications missing)"),
    "no_data": N_("No data in this release"),
}
ACTION_LABELS = {
    "signature": "signature", "ratification": "ratification", "accession": "accession", "succession": "succession",
    "acceptance": "acceptance", "approval": "approval", "definitive_signature": "definitive signature", "denunciation": "denunciation",
}
# Short codes as the depositaries print them next to a date (UNTC suffixes).
ACTION_SUFFIX = {"ratification": "", "accession": "a", "succession": "d", "acceptance": "A", "approval": "AA", "definitive_signature": "s"}
