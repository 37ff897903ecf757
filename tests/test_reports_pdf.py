"""The QBR deck and the project charter, read back as a customer's PDF reader would."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from csdesk.playbook.form_loader import FormSet
from csdesk.playbook.records import HealthMetrics
from csdesk.reports import charts, figure_flowable
from csdesk.reports.charter import SECTIONS, build_charter
from csdesk.reports.qbr_deck import APPENDIX, build_qbr_deck
from csdesk.reports.sample import create_sample_account
from csdesk.store.book import Book, open_book
from csdesk.store.views import AccountView
from tests.conftest import TODAY, metrics_at

SLIDE_POINTS = (960.0, 540.0)  # 13.333 x 7.5 in
A4_POINTS = (595.28, 841.89)
LETTER_POINTS = (612.0, 792.0)
NOTHING = "Nothing recorded yet"
END = "ENDOFTEXT42"


def text_of(path: Path) -> str:
    """All the text of the PDF, whitespace collapsed."""
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def page_sizes(path: Path) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1))
            for p in PdfReader(path).pages}


def qpdf_check(path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        return  # the structural check needs qpdf (apt-get install qpdf)
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def approx_size(sizes: set[tuple[float, float]], expected: tuple[float, float]) -> bool:
    return all(abs(w - expected[0]) < 1 and abs(h - expected[1]) < 1 for w, h in sizes)


# --- one realistic account, two years of history (built once: SQLite) -------------------

@pytest.fixture(scope="module")
def realistic(tmp_path_factory: pytest.TempPathFactory,
              forms: FormSet) -> Iterator[tuple[Book, AccountView]]:
    path = tmp_path_factory.mktemp("reports") / "book.sqlite3"
    with open_book(forms, path, today=lambda: TODAY, auto_backup=False) as book:
        yield book, create_sample_account(book, TODAY, weeks=104)


@pytest.fixture(scope="module")
def deck(realistic: tuple[Book, AccountView],
         tmp_path_factory: pytest.TempPathFactory) -> Path:
    book, account = realistic
    return build_qbr_deck(book, account.id, tmp_path_factory.mktemp("deck") / "qbr.pdf")


@pytest.fixture(scope="module")
def charter(realistic: tuple[Book, AccountView],
            tmp_path_factory: pytest.TempPathFactory) -> Path:
    book, account = realistic
    return build_charter(book, account.id, tmp_path_factory.mktemp("charter") / "charter.pdf")


def test_the_sample_account_is_realistic(realistic: tuple[Book, AccountView]) -> None:
    book, account = realistic
    assert len(book.snapshots.history(account.id)) == 104
    assert book.assessments.history(account.id)
    assert len(book.risks.list(account.id)) >= 4
    assert len(book.workflows.list(account.id)) == 10
    assert book.qbrs.list(account.id)
    assert book.charters.get(account.id).scope_objectives


def test_the_deck_is_16_9_landscape_with_every_agenda_section(
        deck: Path, realistic: tuple[Book, AccountView], forms: FormSet) -> None:
    book, account = realistic
    assert approx_size(page_sizes(deck), SLIDE_POINTS)
    assert SLIDE_POINTS[0] / SLIDE_POINTS[1] == pytest.approx(16 / 9, rel=1e-3)
    text = text_of(deck)
    for section in forms.qbr.sections:
        assert section.title in text
    for title in ("Agenda", APPENDIX, "Quarterly Business Review"):
        assert title in text
    latest = book.snapshots.latest(account.id)
    assert latest is not None
    assert f"{latest.score:.1f}" in text and latest.status in text
    for name in ("Łódź Müller Logistics", "Zoë Ångström", "Jürgen Weiß", "Mikołaj Wiśniewski"):
        assert name in text


def test_the_deck_shows_what_the_book_holds(deck: Path, realistic: tuple[Book, AccountView],
                                            forms: FormSet) -> None:
    book, account = realistic
    text = text_of(deck)
    qbrs = book.qbrs.list(account.id)
    latest, previous = qbrs[-1], qbrs[-2]
    assert "10 Dec 2026" in text  # the QBR date on the title slide and footers
    assert "Change since the last QBR" in text
    baseline = [s for s in book.snapshots.history(account.id) if s.as_of <= previous.held_on][-1]
    now = book.snapshots.latest(account.id)
    assert now is not None
    assert f"from {baseline.score:.1f}" in text
    assert f"{abs(now.score - baseline.score):.1f}" in text
    assert "221,000" in text and "250,000" in text  # ROI achieved and promised
    for kpi in ("≥ 99.9%", "≥ 98%", "< 30 s", "< 1%"):
        assert kpi in text
    assert "Dispatchers finally trust the ETA" in text  # QBR feedback
    signals = book.snapshots.signals(account.id)
    assert signals is not None
    for signal in signals.expansion:
        assert signal.event in text
    for upsell in signals.upsell:
        assert upsell.opportunity in text
    for action in book.actions.list(account.id):
        if action.status == "open":
            assert action.title in text
    assert "Expansion opportunities identified" in text  # renewal readiness checklist
    assert latest.attendees[0] in text


def test_every_slide_is_numbered_and_the_outline_points_at_each_section(deck: Path,
                                                                         forms: FormSet) -> None:
    reader = PdfReader(deck)
    total = len(reader.pages)
    assert total >= 2 + len(forms.qbr.sections) + 1
    for n, page in enumerate(reader.pages[1:], start=2):
        assert f"{n} / {total}" in page.extract_text()
    top = [e for e in reader.outline if not isinstance(e, list)]
    titles = [e.title for e in top]
    for section in forms.qbr.sections:
        assert any(t.startswith(section.title) for t in titles)
    pages = [reader.get_destination_page_number(e) for e in top]
    assert pages == sorted(pages) and len(set(pages)) == len(pages)


def test_charts_are_vector_graphics_with_real_text(deck: Path) -> None:
    reader = PdfReader(deck)
    summary = reader.pages[2]
    resources = summary["/Resources"]
    assert "/XObject" not in resources  # no raster image: the chart is paths and text
    text = summary.extract_text()
    assert "Healthy" in text and "At Risk" in text and "Critical" in text


def test_the_fonts_are_embedded_subsets_of_dejavu(deck: Path) -> None:
    page = PdfReader(deck).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = set()
    for ref in fonts.values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font \
            else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor  # the TrueType program is in the file
        names.add(str(font["/BaseFont"]))
    assert any("DejaVuSans" in n for n in names)


def test_the_charter_is_portrait_with_every_deliverable_section(
        charter: Path, realistic: tuple[Book, AccountView]) -> None:
    book, account = realistic
    assert approx_size(page_sizes(charter), A4_POINTS)
    text = text_of(charter)
    for n, title in enumerate(SECTIONS, start=1):
        assert f"{n}. {title}" in text
    assert "Łódź Müller Logistics" in text and "Zoë Ångström" in text
    assessment = book.assessments.history(account.id)[-1]
    assert f"{assessment.score:.2f}" in text and assessment.level in text
    for risk in book.risks.list(account.id):
        assert risk.type in text
    for flow in book.workflows.list(account.id):
        assert flow.name in text
    for phase in ("Foundation Setup", "Workflow Migration", "Scale & Optimize"):
        assert phase in text
    assert "Platform deployment → SSO" in text  # the critical path
    reader = PdfReader(charter)
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text


def test_the_charter_comes_in_us_letter(realistic: tuple[Book, AccountView],
                                        tmp_path: Path) -> None:
    book, account = realistic
    letter = build_charter(book, account.id, tmp_path / "letter.pdf", page_size="letter")
    assert approx_size(page_sizes(letter), LETTER_POINTS)
    qpdf_check(letter)


def test_qpdf_finds_nothing_wrong(deck: Path, charter: Path) -> None:
    qpdf_check(deck)
    qpdf_check(charter)


def test_the_same_data_gives_the_same_bytes(realistic: tuple[Book, AccountView],
                                            tmp_path: Path) -> None:
    book, account = realistic
    first = build_qbr_deck(book, account.id, tmp_path / "one.pdf").read_bytes()
    second = build_qbr_deck(book, account.id, tmp_path / "two.pdf").read_bytes()
    assert first == second
    first = build_charter(book, account.id, tmp_path / "one-c.pdf").read_bytes()
    second = build_charter(book, account.id, tmp_path / "two-c.pdf").read_bytes()
    assert first == second


def test_an_older_qbr_can_be_presented(realistic: tuple[Book, AccountView],
                                       tmp_path: Path) -> None:
    book, account = realistic
    qbrs = book.qbrs.list(account.id)
    path = build_qbr_deck(book, account.id, tmp_path / "old.pdf", qbr_id=qbrs[1].id)
    text = text_of(path)
    assert "First QBR on record" not in text
    first = build_qbr_deck(book, account.id, tmp_path / "first.pdf", qbr_id=qbrs[0].id)
    assert "First QBR on record" in text_of(first)


# --- any store, edge cases ----------------------------------------------------------------

def test_both_documents_from_any_store(book: Book, tmp_path: Path) -> None:
    account = create_sample_account(book, TODAY, weeks=13, name="Müller Søn & Co <AB>",
                                    onboarding_day=40)
    deck = build_qbr_deck(book, account.id, tmp_path / "deck.pdf")
    charter = build_charter(book, account.id, tmp_path / "charter.pdf")
    assert "Müller Søn & Co <AB>" in text_of(deck)
    charter_text = text_of(charter)
    assert "Müller Søn & Co <AB>" in charter_text and "Today · day 40" in charter_text
    qpdf_check(deck)
    qpdf_check(charter)


def test_an_empty_account_still_gives_a_clean_deck(book: Book, forms: FormSet,
                                                   tmp_path: Path) -> None:
    account = book.accounts.create({"name": "Zoë Ångström AB"})
    deck = build_qbr_deck(book, account.id, tmp_path / "empty.pdf", today=TODAY)
    text = text_of(deck)
    assert NOTHING in text
    for section in forms.qbr.sections:
        assert section.title in text
    assert "Zoë Ångström AB" in text and "28 Nov 2026" in text
    assert approx_size(page_sizes(deck), SLIDE_POINTS)
    qpdf_check(deck)
    charter = build_charter(book, account.id, tmp_path / "empty-charter.pdf", today=TODAY)
    charter_text = text_of(charter)
    assert NOTHING in charter_text
    for title in SECTIONS:
        assert title in charter_text
    qpdf_check(charter)


def test_one_snapshot_and_no_qbr_is_enough(book: Book, tmp_path: Path) -> None:
    account = book.accounts.create({"name": "Łódź Start-up"})
    book.snapshots.record(account.id, TODAY, HealthMetrics(**metrics_at(55)))
    text = text_of(build_qbr_deck(book, account.id, tmp_path / "one.pdf"))
    assert "55.0" in text and "Critical" in text
    assert "First QBR on record" in text


def long_text(chars: int) -> str:
    words = ["Łódź", "Müller", "Zoë", "Ångström", "workflow", "adoption", "renewal", "sponsor",
             "milestone", "integration"]
    out: list[str] = []
    size = 0
    n = 0
    while size < chars - 40:
        word = words[n % len(words)]
        out.append(word if n % 37 else f"\n- {word}")
        size += len(word) + 1
        n += 1
    out.append("x" * 30)  # one word longer than a narrow column
    return " ".join(out)[: chars - len(END) - 1] + " " + END


def test_very_long_texts_and_200_risks_paginate_without_losing_a_word(
        book: Book, tmp_path: Path) -> None:
    account = book.accounts.create({"name": "Verbose GmbH", "onboarding_started": TODAY})
    short = create_sample_account(book, TODAY, weeks=4, name="Short AG")
    huge = long_text(20_000)
    book.qbrs.add(account.id, {"held_on": TODAY, "attendees": [f"Person {n} Müller"
                                                                for n in range(60)],
                               "achievements": huge, "success_stories": huge,
                               "challenges": huge, "feedback": huge, "roadmap": huge,
                               "expansion_topics": huge})
    book.charters.update(account.id, {name: huge for name in (
        "scope_objectives", "success_criteria", "timeline_milestones", "architecture_notes",
        "roadmap", "resources", "dependencies", "critical_path")})
    for n in range(200):
        book.risks.add(account.id, {
            "type": f"Risk {n:03d}", "severity": ("High", "Medium", "Low")[n % 3],
            "description": huge if n == 7 else f"Description of risk {n}, Łódź " * 6,
            "impact": "Delays the go-live " * 5, "mitigation": "Weekly review " * 4,
            "raised_on": TODAY - dt.timedelta(days=n)})
    for n in range(40):
        book.actions.add(account.id, {"title": f"Action {n}: " + "follow up " * 30,
                                      "owner": "Dana", "due_date": TODAY})
    deck = build_qbr_deck(book, account.id, tmp_path / "long-deck.pdf")
    charter = build_charter(book, account.id, tmp_path / "long-charter.pdf")
    normal = build_charter(book, short.id, tmp_path / "short-charter.pdf")
    deck_text, charter_text = text_of(deck), text_of(charter)
    assert deck_text.count(END) == 6  # every long QBR text, to its last word
    assert charter_text.count(END) == 9  # eight charter texts and the long risk
    for n in (0, 100, 199):
        assert f"Risk {n:03d}" in charter_text
    assert "Action 39" in deck_text
    assert len(PdfReader(charter).pages) > len(PdfReader(normal).pages) + 20
    assert len(PdfReader(deck).pages) > 20
    header = "# Risk Severity Impact Mitigation Status Raised"
    assert charter_text.count(header) > 10  # the register's header on every page it spans
    qpdf_check(deck)
    qpdf_check(charter)


def test_a_failed_export_leaves_no_file_behind(book: Book, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    account = create_sample_account(book, TODAY, weeks=6, name="Atomic AB")
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "deck.pdf"

    def broken(self: object) -> None:
        raise RuntimeError("the disk caught fire mid-build")

    monkeypatch.setattr(figure_flowable.FigureFlowable, "draw", broken)
    with pytest.raises(RuntimeError, match="caught fire"):
        build_qbr_deck(book, account.id, target)
    assert os.listdir(folder) == []
    target.write_bytes(b"the previous deck")
    with pytest.raises(RuntimeError, match="caught fire"):
        build_qbr_deck(book, account.id, target)
    with pytest.raises(RuntimeError, match="caught fire"):
        build_charter(book, account.id, target)
    assert target.read_bytes() == b"the previous deck"
    assert os.listdir(folder) == ["deck.pdf"]


def test_a_written_pdf_is_an_ordinary_readable_file(book: Book, tmp_path: Path) -> None:
    account = book.accounts.create({"name": "Perms AB"})
    path = build_charter(book, account.id, tmp_path / "charter.pdf", page_size="A4")
    mode = path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_an_unknown_page_size_is_refused_before_anything_is_written(book: Book,
                                                                    tmp_path: Path) -> None:
    from csdesk.errors import InputProblem

    account = book.accounts.create({"name": "Size AB"})
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(InputProblem, match="page size: 'A5'"):
        build_charter(book, account.id, folder / "c.pdf", page_size="A5")
    assert os.listdir(folder) == []


def test_nothing_recorded_yet_is_the_charts_word_too() -> None:
    assert charts.NOTHING_YET == NOTHING


def test_a_200_character_name_wraps_on_the_cover_and_is_shortened_in_the_margins(
        book: Book, tmp_path: Path) -> None:
    name = ("Zoë Ångström Łódź Müller " * 8)[:200].strip()
    account = book.accounts.create({"name": name})
    for path in (build_qbr_deck(book, account.id, tmp_path / "deck.pdf"),
                 build_charter(book, account.id, tmp_path / "charter.pdf")):
        reader = PdfReader(path)
        cover = " ".join(reader.pages[0].extract_text().split())
        assert name in cover  # in full, wrapped
        assert "…" in reader.pages[1].extract_text()  # the running header or footer
        qpdf_check(path)


def test_the_deck_follows_a_tailored_agenda(book: Book, forms: FormSet, tmp_path: Path) -> None:
    from dataclasses import replace

    from csdesk.playbook.agenda_form import MeetingSection

    sections = [*reversed(forms.qbr.sections),
                MeetingSection(id="security_review", title="Security Review", minutes=10,
                               topics=["Audit findings", "Pen test schedule"])]
    tailored = replace(forms, qbr=forms.qbr.model_copy(update={"sections": sections}))
    account = book.accounts.create({"name": "Tailored AB"})
    deck = build_qbr_deck(Book(book.store, tailored, book.accounts.today), account.id,
                          tmp_path / "deck.pdf")
    reader = PdfReader(deck)
    titles = [e.title for e in reader.outline if not isinstance(e, list)]
    expected = [s.title for s in sections]
    found = [t for t in titles if any(t.startswith(x) for x in expected)]
    assert [next(x for x in expected if t.startswith(x)) for t in found] == expected
    text = text_of(deck)
    assert "Pen test schedule" in text and "100 min" in text


def test_markup_control_characters_and_emoji_in_texts_are_printed_literally(
        book: Book, tmp_path: Path) -> None:
    weird = "a\x01b\x0bc <b>not bold</b> & <script> ]]> \t🚀 Łódź"  # no NUL: PostgreSQL refuses it
    account = book.accounts.create({"name": "Odd <AB> & Co"})
    book.qbrs.add(account.id, {"held_on": TODAY, "attendees": [weird], "achievements": weird})
    book.risks.add(account.id, {"type": "Odd", "description": weird, "impact": weird})
    book.charters.update(account.id, {"scope_objectives": weird})
    for path in (build_qbr_deck(book, account.id, tmp_path / "deck.pdf"),
                 build_charter(book, account.id, tmp_path / "charter.pdf")):
        text = text_of(path)
        assert "abc <b>not bold</b> & <script> ]]>" in text and "Łódź" in text
        assert "Odd <AB> & Co" in text
        qpdf_check(path)
