"""The one registry of ratification status and action labels: every page, figure, feed and API answer
takes its wording from here (marked ``N_`` for the catalog, translated with ``_()`` where shown)."""

from __future__ import annotations

from dashboard.i18n import N_

# Display statuses, in legend order.
STATUSES = ("party", "party_not_in_force", "party_undated", "signatory", "denounced", "not_party", "no_record", "no_data")
PARTY_STATUSES = ("party", "party_not_in_force", "party_undated")
STATUS_LABELS = {
    "party": N_("Party"),
    "party_not_in_force": N_("Ratified, not yet in force"),
    "party_undated": N_("Party, date unknown"),
    "signatory": N_("Signed, not ratified"),
    "denounced": N_("Denounced"),
    "not_party": N_("No action recorded"),
    "no_record": N_("No record (list incomplete)"),
    "no_data": N_("No data in this release"),
}
STATUS_HELP = {
    "party": N_("Bound by the instrument (ratification, accession, succession, acceptance or approval deposited or registered)."),
    "party_not_in_force": N_("ILO ratification registered; the convention enters into force for that member 12 months later."),
    "party_undated": N_("Listed as a party by a yes/no source, without a date; never placed on a timeline."),
    "signatory": N_("Signed, but no consent to be bound deposited by that date."),
    "denounced": N_("Was bound, then denounced (including automatic denunciations by ratifying a later convention)."),
    "not_party": N_("The depositary's list is complete for that date and records no action by this state."),
    "no_record": N_(
        "Not in this release's list, which is incomplete for that date (a partial list, or one that stops before it): absence proves nothing and never means “not a party”."
    ),
    "no_data": N_("This release has no ratification list for the instrument."),
}
# A status with its date, or the date its list reaches (the corridor page's protection table)
STATUS_WITH_DATE = {
    "party": N_("Party since {date}"),
    "signatory": N_("Signed {date}, not ratified"),
    "denounced": N_("Denounced {date}"),
    "party_undated": N_("Party (undated record)"),
    "not_party": N_("Not a party (list current to {as_of})"),
    "no_record": N_("No record (list only to {as_of}; later ratifications missing)"),
    "no_record_partial": N_("No record (list incomplete; as of {as_of})"),
    "no_data": N_("No data in this release"),
}
ACTION_LABELS = {
    "signature": "signature",
    "ratification": "ratification",
    "accession": "accession",
    "succession": "succession",
    "acceptance": "acceptance",
    "approval": "approval",
    "definitive_signature": "definitive signature",
    "denunciation": "denunciation",
}
# Short codes as the depositaries print them next to a date (UNTC suffixes).
ACTION_SUFFIX = {"ratification": "", "accession": "a", "succession": "d", "acceptance": "A", "approval": "AA", "definitive_signature": "s"}
