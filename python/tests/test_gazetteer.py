"""whosaid.Gazetteer: extra people from CSV files, with the CLI's checks and messages."""

import pickle

import pytest

import whosaid

HEADER = "id,name,kind,gender,surname,aliases,roles\n"
OKAFOR = "okafor-marta,Marta Okafor,person,female,,M. Okafor,Transport Director|City of Porto Nuevo|ES|2021-\n"
TEXT = "“The bridge will reopen in May,” said Marta Okafor."


@pytest.fixture
def people(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(HEADER + OKAFOR, encoding="utf-8")
    return path


def test_extra_person_gets_id_and_known_role(people):
    [before] = whosaid.extract(TEXT)
    assert (before["speaker_id"], before["known_role"]) == ("", "")
    g = whosaid.Gazetteer(str(people))
    [after] = whosaid.extract(TEXT, gazetteer=g)
    assert after["speaker_id"] == "okafor-marta"
    assert "Transport Director" in after["known_role"]
    assert whosaid.extract_many([TEXT], gazetteer=g) == [dict(after, doc="1")]


def test_builtin_or_not(people):
    builtin = whosaid.Gazetteer()
    alone = whosaid.Gazetteer(people, builtin=False)
    assert len(alone) == 1
    assert len(whosaid.Gazetteer(people)) == len(builtin) + 1
    [r] = whosaid.extract("“We urge restraint,” said Antony Blinken.", gazetteer=alone)
    assert r["speaker_id"] == ""  # only the file's people are known
    assert repr(alone).startswith("Gazetteer(") and "builtin=False" in repr(alone)


def test_pickles_by_file(people):
    g = pickle.loads(pickle.dumps(whosaid.Gazetteer(people, builtin=False)))
    assert len(g) == 1 and g.files == [str(people)]


def test_malformed_file_names_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + OKAFOR.replace(",person,", ",persn,"), encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv:2:\d+: kind must be `person` or `organization`"):
        whosaid.Gazetteer(path)


def test_missing_file_is_os_error(tmp_path):
    with pytest.raises(OSError):
        whosaid.Gazetteer(tmp_path / "absent.csv")
