"""Hostile and oversized inputs, run through the real CLI: each stops with exit code 2 and a
message that names the file and the limit, before the work it would cost; nothing is read
from outside the engagement and nothing is changed without a word."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from assessment.collect import open_workbook
from assessment.loading.engagement import load_engagement
from assessment.loading.limits import MAX_LINES
from tests.conftest import REPO

EXPORTS = REPO / "tests" / "data" / "exports"
MS_FORMS = EXPORTS / "microsoft-forms-anonymous.xlsx"
SHEET = "xl/worksheets/sheet1.xml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def empty_pulse(pulse_copy):
    (pulse_copy / "responses" / "pulse.csv").unlink()
    return pulse_copy


def _refused(result, *expected: str) -> str:
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err and "unexpected error" not in result.err
    for text in expected:
        assert text in result.err, result.err
    return result.err


def _nothing_imported(folder: Path) -> None:
    assert not list((folder / "responses").glob("*.csv"))


def _with_sheet(target: Path, write_sheet) -> Path:
    """A copy of the Microsoft Forms export whose first sheet `write_sheet` writes."""
    with zipfile.ZipFile(MS_FORMS) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            if info.filename == SHEET:
                write_sheet(out, source.read(info))
            else:
                out.writestr(info, source.read(info), zipfile.ZIP_DEFLATED)
    return target


def _spaces(megabytes: int):
    """A sheet part of that many megabytes of spaces, packed about a thousand to one. Deflating
    it would take seconds: after a full flush the packer forgets what came before, so one
    packed megabyte, repeated, is the packed stream."""
    chunk = b" " * 2**20

    def write(out: zipfile.ZipFile, _sheet: bytes) -> None:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
        data = block * megabytes + packer.flush()
        crc = 0
        for _ in range(megabytes):
            crc = zlib.crc32(chunk, crc)
        info = zipfile.ZipInfo(SHEET)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.file_size, info.compress_size, info.CRC = megabytes * len(chunk), len(data), crc
        assert out.fp is not None
        info.header_offset = out.fp.tell()
        out.fp.write(info.FileHeader())
        out.fp.write(data)
        out.filelist.append(info)
        out.NameToInfo[info.filename] = info
        out.start_dir = out.fp.tell()

    return write


# Bounds on workbooks


def test_xlsx_zip_bomb_is_refused_before_unpacking(run_cli, empty_pulse, tmp_path):
    bomb = _with_sheet(tmp_path / "bomb.xlsx", _spaces(400))
    assert bomb.stat().st_size < 1_000_000  # 400 MB of sheet in well under 1 MB
    result = run_cli("import", str(empty_pulse), str(bomb))
    _refused(result, "bomb.xlsx: unpacks to 400 MB; at most 200 MB of workbook are read")
    _nothing_imported(empty_pulse)


def test_tightly_packed_workbook_part_is_refused(run_cli, empty_pulse, tmp_path):
    packed = _with_sheet(tmp_path / "packed.xlsx", _spaces(20))
    result = run_cli("import", str(empty_pulse), str(packed))
    _refused(result, "packed.xlsx: holds a part packed more than 200 to 1", "zip bomb")


def test_damaged_sheet_stream_is_a_clear_error(run_cli, empty_pulse, tmp_path):
    data = bytearray(MS_FORMS.read_bytes())
    with zipfile.ZipFile(MS_FORMS) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(bytes(data))
    result = run_cli("import", str(empty_pulse), str(damaged), "--format", "microsoft_forms")
    _refused(result, "damaged.xlsx: is not a readable .xlsx workbook")
    _nothing_imported(empty_pulse)


def test_workbook_rows_beyond_its_dimension_element_are_read(run_cli, empty_pulse, tmp_path):
    """Read-only openpyxl trusts <dimension>; a sheet that understates its size lost rows."""

    def understate(out: zipfile.ZipFile, sheet: bytes) -> None:
        shrunk = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:K2"', sheet)
        assert shrunk != sheet
        out.writestr(SHEET, shrunk, zipfile.ZIP_DEFLATED)

    short = _with_sheet(tmp_path / "understated.xlsx", understate)
    result = run_cli("import", str(empty_pulse), str(short))
    assert result.code == 0, result.err
    assert "imported 3 respondent(s)" in result.out
    assert load_engagement(empty_pulse).responses.answers["respondent"].nunique() == 3


def test_workbook_row_limit_is_named(run_cli, empty_pulse, monkeypatch):
    monkeypatch.setattr(open_workbook, "MAX_WORKBOOK_ROWS", 2)
    result = run_cli("import", str(empty_pulse), str(MS_FORMS))
    _refused(result, "has more than 2 rows; at most that many are read")


# Bounds on other inputs


def test_huge_sparse_logo_is_refused_from_its_size(run_cli, mini_copy):
    with (mini_copy / "logo.png").open("wb") as handle:
        handle.truncate(1 << 40)  # 1 TB, sparse: nothing is written to disk
    profile = mini_copy / "assessment.yaml"
    profile.write_text(profile.read_text() + "report: {logo: logo.png}\n")
    result = run_cli("score", str(mini_copy))
    _refused(result, "logo 'logo.png' is larger than 2 MB")


def test_header_of_a_million_columns_is_refused_quickly(run_cli, mini_copy):
    header = ",".join(f"c{i}" for i in range(1_000_000))
    (mini_copy / "responses" / "wide.csv").write_text(header + "\n")
    result = run_cli("score", str(mini_copy))
    _refused(result, "wide.csv, row 1: has 1,000,000 columns; at most 10,000 are read")


def test_survey_export_of_a_million_columns_is_refused(run_cli, empty_pulse, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Timestamp," + ",".join(f"c{i}" for i in range(1_000_000)) + "\n")
    result = run_cli("import", str(empty_pulse), str(export))
    _refused(result, "has 1,000,001 columns; at most 10,000 are read")


def test_duplicate_headers_in_a_wide_header_are_listed(run_cli, mini_copy):
    """Every name repeated: the duplicate check is one pass, not one per column."""
    header = ",".join(["respondent_id", "business_unit", "role"] + ["A-01"] * 9_000)
    (mini_copy / "responses" / "dups.csv").write_text(header + "\n")
    result = run_cli("score", str(mini_copy))
    _refused(result, "dups.csv, row 1, column 'A-01': column name appears more than once")


def test_too_many_lines_are_refused_before_parsing(run_cli, mini_copy):
    data = b"respondent_id,business_unit,role,question_id,answer\n" + b"\n" * MAX_LINES
    (mini_copy / "responses" / "long.csv").write_bytes(data)
    result = run_cli("score", str(mini_copy))
    _refused(result, "long.csv: has 5,000,001 lines; at most 5,000,000 are read")


def test_deeply_nested_form_json_is_refused(run_cli, empty_pulse, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = run_cli("import", str(empty_pulse), str(deep))
    _refused(result, "deep.json: nests 100,000 levels deep; at most 64 are read")


def test_brackets_inside_json_strings_do_not_count_as_nesting(run_cli, empty_pulse, tmp_path):
    saved = tmp_path / "answers.json"
    saved.write_text(
        '{"tool": "genai-readiness form", "questionnaire_id": "ai-literacy-pulse", '
        '"respondent": {"name": "Eve", "business_unit": "shops", "role": "business"}, '
        '"answers": {"SKILL-03": "yes"}, "comments": {"SKILL-03": "' + "[{" * 200 + '"}}'
    )
    result = run_cli("import", str(empty_pulse), str(saved))
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("multiplier: 1e308\n", "field 'multiplier': Input should be less than or equal to 100"),
        ("multiplier: .inf\n", "field 'multiplier': Input should be a finite number"),
        ("exchange_rate: .nan\n", "field 'exchange_rate': Input should be a finite number"),
        (
            "size_scaling: {reference_staff: 1e308}\n",
            "field 'size_scaling.reference_staff'",
        ),
    ],
)
def test_rate_card_numbers_are_finite_and_bounded(run_cli, pulse_copy, card, message):
    (pulse_copy / "rate-card.yaml").write_text(card)
    _refused(run_cli("score", str(pulse_copy)), "rate-card.yaml", message)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "assessment_date: 2026-03-01",
            "assessment_date: 9998-01-01",
            "field 'assessment_date': Value error, must be between 2000-01-01 and 2099-12-31",
        ),
        (
            "employees: 1200",
            "employees: " + "9" * 400,
            "field 'organisation.employees': Input should be less than or equal to 10000000",
        ),
    ],
)
def test_profile_numbers_and_dates_are_in_range(run_cli, pulse_copy, old, new, message):
    profile = pulse_copy / "assessment.yaml"
    assert old in profile.read_text()
    profile.write_text(profile.read_text().replace(old, new))
    _refused(run_cli("score", str(pulse_copy)), "assessment.yaml", message)


def test_long_unit_name_in_a_response_file_is_located(run_cli, mini_copy):
    unit = "x" * 300
    (mini_copy / "responses" / "long-unit.csv").write_text(
        f"respondent_id,business_unit,role,question_id,answer\nr9,{unit},executive,A-01,2\n"
    )
    result = run_cli("score", str(mini_copy))
    _refused(
        result,
        "long-unit.csv, row 2, column 'business_unit': "
        "business unit name is longer than 200 characters",
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Acme\x07Corp", "must not contain control characters or line breaks"),
        ("Acme\nCorp", "must not contain control characters or line breaks"),
        ("A" * 300, "is 300 characters long; at most 200 are allowed"),
    ],
)
def test_init_refuses_names_it_could_not_load_back(run_cli, tmp_path, name, message):
    folder = tmp_path / "new"
    result = run_cli("init", str(folder), "--name", name)
    _refused(result, "field '--name'", message)
    assert not folder.exists()


def test_init_writes_what_it_loads_back(run_cli, tmp_path):
    folder = tmp_path / "new"
    name = 'Müller & "Söhne" \\ AG: 100% #1'
    assert run_cli("init", str(folder), "--name", name).code == 0
    profile = yaml.safe_load((folder / "assessment.yaml").read_text(encoding="utf-8"))
    assert profile["organisation"]["name"] == name


# Outside reads


def test_response_link_to_a_system_file_is_refused_unread(run_cli, mini_copy):
    (mini_copy / "responses" / "pw.csv").symlink_to("/etc/passwd")
    err = _refused(
        run_cli("score", str(mini_copy)), "pw.csv: is a link to a file outside the engagement"
    )
    assert "root:" not in err and "/bin/" not in err and "nologin" not in err
    assert ", row " not in err  # nothing was parsed


def test_response_link_to_a_csv_elsewhere_is_not_scored(run_cli, mini_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere.csv"
    shutil.copy(next((mini_copy / "responses").glob("*.csv")), elsewhere)
    (mini_copy / "responses" / "linked.csv").symlink_to(elsewhere)
    _refused(run_cli("score", str(mini_copy)), "linked.csv: is a link to a file outside")


def test_link_inside_the_engagement_is_read(run_cli, mini_copy):
    (mini_copy / "spare").mkdir()
    first = next((mini_copy / "responses").glob("*.csv"))
    first.rename(mini_copy / "spare" / first.name)
    (mini_copy / "responses" / first.name).symlink_to(mini_copy / "spare" / first.name)
    assert run_cli("score", str(mini_copy)).code == 0


@pytest.mark.parametrize("file", ["assessment.yaml", "rate-card.yaml"])
def test_set_up_files_linked_from_outside_are_refused(run_cli, pulse_copy, tmp_path, file):
    outside = tmp_path / f"outside-{file}"
    source = pulse_copy / file
    outside.write_text(source.read_text() if source.exists() else "multiplier: 1.0\n")
    source.unlink(missing_ok=True)
    source.symlink_to(outside)
    _refused(run_cli("score", str(pulse_copy)), f"{file}: is a link to a file outside")


# No silent changes


def test_csv_mixing_utf8_and_windows_1252_is_refused(run_cli, empty_pulse, tmp_path):
    lines = (EXPORTS / "google-forms.csv").read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b"Clearer rules", "Klarere Regeln für alle".encode())
    lines[2] = lines[2].replace(b"with owners", "with Eigentümer".encode("cp1252"))
    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(b"\n".join(lines))
    result = run_cli("import", str(empty_pulse), str(mixed))
    _refused(result, "mixed.csv: mixes encodings: line 2 is UTF-8 but line 3 is not")
    _nothing_imported(empty_pulse)


def test_windows_1252_export_is_still_read(run_cli, empty_pulse, tmp_path):
    text = (EXPORTS / "google-forms.csv").read_text().replace("Clearer rules", "Klare Regeln fürs")
    export = tmp_path / "cp1252.csv"
    export.write_bytes(text.encode("cp1252"))
    assert run_cli("import", str(empty_pulse), str(export)).code == 0
    answers = load_engagement(empty_pulse).responses.answers
    assert "Klare Regeln fürs" in set(answers["answer"])


HOSTILE = '=HYPERLINK("http://evil.test","click")'


def test_workbook_neutralises_questionnaire_texts(run_cli, pulse_copy):
    questionnaire = pulse_copy / "questionnaire"
    path = questionnaire / "dimensions" / "skills.yaml"
    data = yaml.safe_load(path.read_text())
    data["name"] = HOSTILE
    data["questions"][0]["text"] = HOSTILE
    data["questions"][0]["help"] = "+" + HOSTILE
    path.write_text(yaml.safe_dump(data))
    title = questionnaire / "questionnaire.yaml"
    title.write_text(title.read_text().replace("title: AI literacy pulse", f"title: '{HOSTILE}'"))
    result = run_cli("collect", str(pulse_copy), "--format", "xlsx", "--unit", "shops")
    assert result.code == 0, result.err
    book = load_workbook(pulse_copy / "collect" / "shops.xlsx")
    texts = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert sum(HOSTILE in str(t) for t in texts) >= 3  # the texts are there, as text
    assert all(not str(t).startswith(("=", "+", "-", "@")) for t in texts)
    formulas = [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []


# The offline form's Content-Security-Policy


def _form_page(run_cli, engagement: Path) -> str:
    assert run_cli("collect", str(engagement), "--format", "html", "--unit", "shops").code == 0
    return (engagement / "collect" / "shops.html").read_text(encoding="utf-8")


def _policy(page: str) -> dict[str, str]:
    content = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert content is not None
    return {
        d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in (p.strip() for p in content[1].split(";"))
    }


def test_form_script_is_pinned_by_its_hash(run_cli, pulse_copy):
    page = _form_page(run_cli, pulse_copy)
    policy = _policy(page)
    scripts = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    assert len(scripts) == 1  # the data block has a type and never runs
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["default-src"] == "'none'"
    assert policy["form-action"] == "'none'" and policy["base-uri"] == "'none'"
    assert not re.search(r"<[^>]+\son[a-z]+=", page)  # no inline handlers: the hash blocks them


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_injected_script_does_not_run_but_the_form_does(run_cli, pulse_copy, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    page_text = _form_page(run_cli, pulse_copy)
    injected = page_text.replace("<body>", '<body><script>document.title = "injected";</script>', 1)
    form = tmp_path / "injected.html"
    form.write_text(injected, encoding="utf-8")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.goto(form.as_uri())
            assert page.title() != "injected"
            assert page.is_visible("#respondent-name")  # the pinned script built the form
        finally:
            browser.close()


def test_the_packed_sheet_helper_makes_a_real_archive(tmp_path):
    """The bomb tests mean something only if the archive they build really unpacks."""
    small = _with_sheet(tmp_path / "small.xlsx", _spaces(3))
    with zipfile.ZipFile(small) as archive:
        assert archive.read(SHEET) == b" " * 3 * 2**20
        assert archive.testzip() is None


def test_a_nul_character_in_a_yaml_value_is_named_not_a_crash(run_cli, mini_copy):
    """A "\\0" escape in a file name (or any value) would stop the system's path calls."""
    (mini_copy / "deliverable.yaml").write_text(
        'theme:\n  client_logo: "theme/lo\\0go.png"\n', encoding="utf-8"
    )
    result = run_cli("score", str(mini_copy))
    assert result.code == 2, result.err
    assert "deliverable.yaml" in result.err and "theme.client_logo" in result.err
    assert "NUL character" in result.err and "Traceback" not in result.err


def test_a_yaml_alias_that_holds_itself_is_bad_input_not_a_crash(run_cli, mini_copy):
    profile = mini_copy / "assessment.yaml"
    profile.write_text(profile.read_text() + "notes: &loop [*loop]\n", encoding="utf-8")
    result = run_cli("score", str(mini_copy))
    assert result.code == 2 and "assessment.yaml" in result.err, result.err
    assert "Traceback" not in result.err and "unexpected error" not in result.err
