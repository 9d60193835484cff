"""The dashboard's vocabularies have English words for every value, said in the language."""

from __future__ import annotations

from thinktwice.dashboard.labels import KINDS, SEVERITY_FILTER, VERDICTS, label
from thinktwice.history import SEVERITIES
from thinktwice.i18n import using
from thinktwice.models import Kind


def test_every_severity_and_kind_has_words() -> None:
    assert set(VERDICTS) == {"none", *SEVERITIES}
    assert set(SEVERITY_FILTER) == set(SEVERITIES)
    assert set(KINDS) == {kind.value for kind in Kind}


def test_a_label_is_said_in_the_current_language() -> None:
    with using("fr"):
        assert label(KINDS, "location") == "Lieu"
        assert label(VERDICTS, None) == "Rien trouvé"
        assert label(KINDS, "future_kind") == "Future kind"  # unknown: itself, readable
    assert label(KINDS, "location") == "Location"
