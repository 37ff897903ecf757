"""Handing accounts over: export, import on a colleague's laptop, merge both ways."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csdesk.exchange import container, merge
from csdesk.exchange.accountfile import export_accounts, read_account_file
from csdesk.exchange.errors import AccountFileProblem, Cancelled, PassphraseNeeded
from csdesk.exchange.merge import StalePlan, apply_import, import_account_file, plan_import
from csdesk.playbook.records import HealthMetrics, OperationalFigures, ReadinessAssessment
from csdesk.store import transfer
from csdesk.store.repos.assessments import Vote
from tests.conftest import TODAY, dimensions_at, metrics_at
from tests.test_exchange_support import (
    colleague_book,
    document,
    everything,
    fill_account,
    week,
    without_timestamp,
)


@pytest.fixture
def fast_scrypt(monkeypatch):
    """Encryption with n = 2**12 instead of 2**17: same code, a fraction of the time."""
    monkeypatch.setattr(container, "SCRYPT_LOG2_N", 12)


@pytest.fixture
def colleague(book, tmp_path, forms):
    with colleague_book(book, tmp_path, forms) as other:
        yield other


def test_an_account_handed_to_a_colleague_arrives_whole(book, colleague, tmp_path):
    acme = fill_account(book)
    fill_account(book, "Other Corp", weeks=2)  # not handed over
    target = tmp_path / "acme.csdesk"
    summary = export_accounts(book, [acme.id], target)
    assert summary.accounts == 1 and summary.counts["snapshots"] == 8

    plan = plan_import(colleague, read_account_file(target))
    assert plan.counts["accounts"].added == 1 and plan.counts["snapshots"].added == 8
    assert plan.counts["votes"].added == 2 and not plan.superseded
    report = apply_import(colleague, plan)
    assert report.changed == plan.writes

    mine, theirs = everything(book)["Acme Logistics"], everything(colleague)
    assert list(theirs) == ["Acme Logistics"]
    assert theirs["Acme Logistics"] == mine  # history, pointers, audit trail, all of it
    row = theirs["Acme Logistics"]["portfolio"][0]
    assert row.score is not None and row.score_change is not None
    assert row.readiness_level == "Medium" and row.open_risks >= 1
    assert colleague.charters.get(acme.id).critical_path == "SSO → API → go-live"
    checklist = colleague.checklists.for_account(acme.id)[0]
    assert checklist.done == 1


def test_export_import_export_gives_the_same_document(book, colleague, tmp_path):
    fill_account(book)
    export_accounts(book, None, tmp_path / "first.csdesk")
    import_account_file(colleague, tmp_path / "first.csdesk")
    export_accounts(colleague, None, tmp_path / "second.csdesk")
    first, second = document(tmp_path / "first.csdesk"), document(tmp_path / "second.csdesk")
    assert first["format"] == "csdesk-account-file" and first["version"] == 1
    assert without_timestamp(first) == without_timestamp(second)


def test_importing_the_same_file_twice_changes_nothing(book, colleague, tmp_path):
    fill_account(book)
    export_accounts(book, None, tmp_path / "acme.csdesk")
    import_account_file(colleague, tmp_path / "acme.csdesk")
    before = everything(colleague)
    again = plan_import(colleague, read_account_file(tmp_path / "acme.csdesk"))
    assert again.changes_nothing and not again.superseded
    assert sum(c.skipped for c in again.counts.values()) == sum(
        len(v) for v in again.source.records.values())
    report = apply_import(colleague, again)
    assert report.backup is None and report.changed == 0
    assert everything(colleague) == before


def test_comparing_a_file_with_the_book_counts_up_and_hears_cancel(book, colleague,
                                                                   tmp_path):
    """The comparison of a file with a book that holds it already is the long part of
    planning: it reports how far it is, to the end, and stops when told to."""
    fill_account(book)
    export_accounts(book, None, tmp_path / "acme.csdesk")
    import_account_file(colleague, tmp_path / "acme.csdesk")
    parsed = read_account_file(tmp_path / "acme.csdesk")
    reports: list[tuple[int, int]] = []
    plan = plan_import(colleague, parsed, lambda done, total: reports.append((done, total)))
    total = reports[-1][1]
    assert total >= sum(len(v) for v in parsed.records.values())
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert reports[-1] == (total, total) and len(reports) > 5
    assert plan.changes_nothing
    plan.close()

    asked: list[int] = []

    def cancel_at_third(done: int, _total: int) -> bool:
        asked.append(done)
        return len(asked) < 3

    with pytest.raises(Cancelled):
        plan_import(colleague, parsed, cancel_at_third)
    assert len(asked) == 3


def test_the_newer_edit_wins_and_the_older_is_kept_in_the_report(book, colleague, tmp_path):
    acme = fill_account(book)
    export_accounts(book, None, tmp_path / "monday.csdesk")
    import_account_file(colleague, tmp_path / "monday.csdesk")
    # the colleague edits the sponsor; later, I edit the ARR and add a snapshot
    colleague.accounts.update(acme.id, {"executive_sponsor": "New Sponsor"})
    mei = next(s for s in colleague.stakeholders.list(acme.id) if s.name == "Mei Chen")
    colleague.stakeholders.update(mei.id, {"role": "Head of Ops"})
    book.accounts.update(acme.id, {"arr": 150_000})
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(91)))
    export_accounts(book, None, tmp_path / "friday.csdesk")

    plan = plan_import(colleague, read_account_file(tmp_path / "friday.csdesk"))
    assert plan.counts["accounts"].updated == 1  # my edit is newer
    assert plan.counts["snapshots"].added == 1
    assert plan.counts["stakeholders"].conflicts == 1  # theirs is newer: kept
    [lost_account] = [s for s in plan.superseded if s.kind == "accounts"]
    assert lost_account.kept == "file"
    assert lost_account.losing["executive_sponsor"] == "New Sponsor"
    assert "arr" in lost_account.differs
    report = apply_import(colleague, plan)
    assert "New Sponsor" in report.to_json().decode()
    merged = colleague.accounts.get(acme.id)
    assert merged.arr == 150_000 and merged.executive_sponsor == "Zoë Ångström"
    assert colleague.stakeholders.get(mei.id).role == "Head of Ops"
    assert colleague.snapshots.latest(acme.id).score == pytest.approx(91)  # pointer moved
    assert "Edited on both sides" in plan.summary()


def test_history_from_both_laptops_is_unioned(book, colleague, tmp_path):
    acme = fill_account(book, weeks=3)
    export_accounts(book, None, tmp_path / "a.csdesk")
    import_account_file(colleague, tmp_path / "a.csdesk")
    colleague.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(88)))
    colleague.assessments.record(acme.id, TODAY, ReadinessAssessment(**dimensions_at(4)),
                                 [Vote("Mei", "technical_skills", 5)])
    book.snapshots.record(acme.id, TODAY - dt.timedelta(days=2),
                          HealthMetrics(**metrics_at(70)))
    export_accounts(colleague, None, tmp_path / "b.csdesk")
    import_account_file(book, tmp_path / "b.csdesk")
    history = book.snapshots.history(acme.id)
    assert len(history) == 5
    assert book.snapshots.latest(acme.id).score == pytest.approx(88)
    assert book.accounts.portfolio()[0].score_change == pytest.approx(18)
    assert len(book.assessments.history(acme.id)) == 2
    assert book.accounts.portfolio()[0].readiness_level == "High"


def test_the_charter_and_checklists_merge_into_the_ones_already_there(book, colleague,
                                                                      tmp_path):
    acme = book.accounts.create({"name": "Acme"})
    export_accounts(book, None, tmp_path / "bare.csdesk")
    import_account_file(colleague, tmp_path / "bare.csdesk")
    # both open the charter and the checklists on their own laptop: different ids
    colleague.charters.update(acme.id, {"roadmap": "theirs"})
    item = colleague.checklists.for_account(acme.id)[0].sections[0][2][1]
    colleague.checklists.set_item(item.id, {"state": "na"})
    book.charters.update(acme.id, {"roadmap": "mine, written later"})
    mine = book.checklists.for_account(acme.id)[0].sections[0][2][0]
    book.checklists.set_item(mine.id, {"state": "done"})
    export_accounts(book, None, tmp_path / "full.csdesk")

    plan = plan_import(colleague, read_account_file(tmp_path / "full.csdesk"))
    assert plan.counts["charters"].updated == 1 and plan.counts["charters"].added == 0
    assert plan.counts["checklists"].added == 0
    apply_import(colleague, plan)
    assert colleague.charters.get(acme.id).roadmap == "mine, written later"
    [technical] = [c for c in colleague.checklists.for_account(acme.id)
                   if c.checklist_id == "technical_readiness"]
    states = {i.item_id: i.state for _, _, items in technical.sections for i in items}
    assert states[mine.item_id] == "done" and states[item.item_id] == "na"
    assert len(colleague.checklists.for_account(acme.id)) == 4  # no duplicates
    assert plan_import(colleague, read_account_file(tmp_path / "full.csdesk")).changes_nothing


def test_a_name_already_in_the_book_is_pointed_out(book, colleague, tmp_path):
    book.accounts.create({"name": "Acme"})
    colleague.accounts.create({"name": "Acme"})
    export_accounts(book, None, tmp_path / "acme.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "acme.csdesk"))
    assert any("already has an account named 'Acme'" in w for w in plan.warnings)


def test_an_encrypted_file_opens_only_with_its_passphrase(book, colleague, tmp_path):
    """The one test with the real scrypt cost (n = 2**17)."""
    fill_account(book, weeks=1)
    target = tmp_path / "acme.csdesk"
    export_accounts(book, None, target, passphrase="correct horse battery staple")
    raw = target.read_bytes()
    assert raw.startswith(container.MAGIC) and b"Acme" not in raw
    assert raw[len(container.MAGIC) + 2] == 17  # log2(n) in the header
    with pytest.raises(PassphraseNeeded, match="is encrypted: a passphrase is needed"):
        read_account_file(target)
    parsed = read_account_file(target, "correct horse battery staple")
    assert parsed.encrypted and parsed.accounts[0]["name"] == "Acme Logistics"
    apply_import(colleague, plan_import(colleague, parsed))
    assert colleague.accounts.all()[0].name == "Acme Logistics"


@pytest.mark.parametrize("where", ["magic", "params", "salt", "nonce", "ciphertext", "tag"])
def test_a_tampered_encrypted_file_is_refused(book, tmp_path, fast_scrypt, where):
    fill_account(book, weeks=1)
    target = tmp_path / "acme.csdesk"
    export_accounts(book, None, target, passphrase="s3cret")
    raw = bytearray(target.read_bytes())
    offset = {"magic": 3, "params": len(container.MAGIC) + 4,
              "salt": len(container.MAGIC) + 7, "nonce": container.HEADER_BYTES - 2,
              "ciphertext": container.HEADER_BYTES + 10, "tag": len(raw) - 1}[where]
    raw[offset] ^= 0x01
    target.write_bytes(bytes(raw))
    with pytest.raises(AccountFileProblem) as caught:
        read_account_file(target, "s3cret")
    message = str(caught.value)
    assert str(target) in message
    assert any(words in message for words in (
        "wrong passphrase, or the file was changed", "not a csdesk account file",
        "scrypt parameters"))


def test_a_wrong_passphrase_is_refused_and_the_book_left_alone(book, colleague, tmp_path,
                                                              fast_scrypt):
    fill_account(book, weeks=1)
    export_accounts(book, None, tmp_path / "a.csdesk", passphrase="correct horse")
    with pytest.raises(AccountFileProblem, match="wrong passphrase, or the file was changed"):
        read_account_file(tmp_path / "a.csdesk", "Correct horse")
    with pytest.raises(AccountFileProblem, match="passphrase: must not be empty"):
        read_account_file(tmp_path / "a.csdesk", "")
    assert colleague.accounts.count() == 0


def test_the_passphrase_is_normalised_so_it_works_on_every_keyboard(book, tmp_path,
                                                                    fast_scrypt):
    fill_account(book, weeks=1)
    export_accounts(book, None, tmp_path / "a.csdesk", passphrase="Zo\u00eb")  # composed
    assert read_account_file(tmp_path / "a.csdesk", "Zoe\u0308").accounts  # decomposed


def test_cancelling_an_export_writes_nothing(book, tmp_path):
    fill_account(book, weeks=2)
    seen = []

    def stop_halfway(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < total // 2

    with pytest.raises(Cancelled):
        export_accounts(book, None, tmp_path / "a.csdesk", progress=stop_halfway)
    assert not list(tmp_path.glob("a.csdesk*")) and not list(tmp_path.glob(".a.csdesk*"))
    assert seen[0][0] == 0 and all(t == seen[0][1] for _, t in seen)


def test_cancelling_an_import_leaves_the_book_as_it_was(book, colleague, tmp_path):
    fill_account(book, weeks=3)
    export_accounts(book, None, tmp_path / "a.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    calls = []

    def stop_late(done: int, total: int) -> bool:
        calls.append(done)
        return done < total  # cancels at the very end, before the commit

    with pytest.raises(Cancelled):
        apply_import(colleague, plan, progress=stop_late)
    assert colleague.accounts.count() == 0 and len(calls) > 2
    apply_import(colleague, plan, progress=lambda done, total: True)
    assert colleague.accounts.count() == 1


def test_a_book_changed_after_the_preview_asks_for_a_new_preview(book, colleague, tmp_path):
    acme = fill_account(book, weeks=1)
    export_accounts(book, None, tmp_path / "a.csdesk")
    import_account_file(colleague, tmp_path / "a.csdesk")
    book.accounts.update(acme.id, {"notes": "newer"})
    export_accounts(book, None, tmp_path / "b.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "b.csdesk"))
    colleague.accounts.update(acme.id, {"notes": "newest, on this laptop"})
    with pytest.raises(AccountFileProblem, match="changed since the preview"):
        apply_import(colleague, plan)
    assert colleague.accounts.get(acme.id).notes == "newest, on this laptop"


def test_an_import_made_meanwhile_asks_for_a_new_preview(book, colleague, tmp_path):
    fill_account(book, weeks=2)
    export_accounts(book, None, tmp_path / "a.csdesk")
    first = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    second = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    apply_import(colleague, first)  # the same file, imported from a second preview
    before = everything(colleague)
    with pytest.raises(StalePlan, match="changed since the preview"):
        apply_import(colleague, second)
    assert everything(colleague) == before


def test_an_edit_by_another_program_after_the_preview_is_caught(book, colleague, tmp_path):
    if colleague.store.path is None:
        pytest.skip("an SQLite book's file")
    acme = fill_account(book, weeks=1)
    export_accounts(book, None, tmp_path / "a.csdesk")
    import_account_file(colleague, tmp_path / "a.csdesk")
    book.accounts.update(acme.id, {"notes": "newer"})
    export_accounts(book, None, tmp_path / "b.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "b.csdesk"))
    with sqlite3.connect(colleague.store.path) as other:
        other.execute("UPDATE accounts SET notes = 'newest', updated_at = "
                      "'2099-01-01 00:00:00.000000' WHERE id = ?", (acme.id.hex,))
    with pytest.raises(StalePlan):
        apply_import(colleague, plan)
    assert colleague.accounts.get(acme.id).notes == "newest"


def test_a_book_unchanged_since_the_preview_is_not_planned_again(book, colleague, tmp_path,
                                                                 monkeypatch):
    fill_account(book, weeks=2)
    export_accounts(book, None, tmp_path / "a.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    planned = []
    real_plan = merge._plan
    monkeypatch.setattr(merge, "_plan", lambda *a: planned.append(1) or real_plan(*a))
    report = apply_import(colleague, plan)
    assert report.changed == plan.writes and colleague.accounts.count() == 1
    # A server's book cannot vouch that nobody wrote: there the plan is worked out again.
    assert planned == ([1] if colleague.store.path is None else [])


def test_a_closed_plan_applied_after_all_is_worked_out_again(book, colleague, tmp_path,
                                                              monkeypatch):
    fill_account(book, weeks=2)
    export_accounts(book, None, tmp_path / "a.csdesk")
    plan = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    plan.close()  # the preview was cancelled
    planned = []
    real_plan = merge._plan
    monkeypatch.setattr(merge, "_plan", lambda *a: planned.append(1) or real_plan(*a))
    apply_import(colleague, plan)
    assert planned == [1] and colleague.accounts.count() == 1


def test_an_edit_racing_the_import_start_is_caught(book, colleague, tmp_path, monkeypatch):
    """Another window saves just after the check, before the import's first write."""
    fill_account(book, weeks=2)
    export_accounts(book, None, tmp_path / "a.csdesk")
    racer = colleague.accounts.create({"name": "Racer Inc", "plan_tier": "Starter"})
    plan = plan_import(colleague, read_account_file(tmp_path / "a.csdesk"))
    real_checked = merge._checked

    def checked_then_edited(*args):
        fresh = real_checked(*args)
        colleague.accounts.update(racer.id, {"notes": "saved in the same instant"})
        return fresh

    monkeypatch.setattr(merge, "_checked", checked_then_edited)
    if colleague.store.path is None:
        apply_import(colleague, plan)  # re-planned at the apply: nothing of the file moved
        assert colleague.accounts.count() == 2
        return
    with pytest.raises(StalePlan):
        apply_import(colleague, plan)
    assert [a.name for a in colleague.accounts.all()] == ["Racer Inc"]
    assert colleague.accounts.get(racer.id).notes == "saved in the same instant"


def test_two_readings_on_one_day_arrive_newest_last(book, colleague, tmp_path):
    acme = fill_account(book, weeks=2)
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(40)))
    book.snapshots.record(acme.id, TODAY, HealthMetrics(**metrics_at(90)))  # corrected
    export_accounts(book, None, tmp_path / "a.csdesk")
    import_account_file(colleague, tmp_path / "a.csdesk")
    row = colleague.accounts.portfolio()[0]
    assert row == book.accounts.portfolio()[0]
    assert row.score == book.snapshots.latest(acme.id).score > 80
    assert colleague.snapshots.latest(acme.id) == book.snapshots.latest(acme.id)


def test_the_import_is_backed_up_first(book, colleague, tmp_path):
    fill_account(book, weeks=1)
    export_accounts(book, None, tmp_path / "a.csdesk")
    report = import_account_file(colleague, tmp_path / "a.csdesk")
    if colleague.store.path is None:
        assert report.backup is None  # a server's backups are the server's job
    else:
        assert report.backup is not None and report.backup.exists()
        assert "before-import" in report.backup.name


def test_a_file_may_hold_the_whole_portfolio(book, colleague, tmp_path):
    for name in ("Acme", "Globex", "Initech"):
        fill_account(book, name, weeks=2)
    book.accounts.set_archived(book.accounts.find("Initech").id, True)
    summary = export_accounts(book, None, tmp_path / "all.csdesk")
    assert summary.accounts == 3
    import_account_file(colleague, tmp_path / "all.csdesk")
    assert everything(colleague) == everything(book)


# ------------------------------------------------------------ round trip, generated books
names = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF,
                              categories=("L", "N", "P", "Zs")),
                min_size=1, max_size=30).map(str.strip).filter(bool)
percent = st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 3))


@st.composite
def accounts(draw):
    return {
        "name": draw(names),
        "plan_tier": draw(st.sampled_from(["Starter", "Professional", "Enterprise"])),
        "arr": draw(st.floats(0, 1e9, allow_nan=False)),
        "licensed_users": draw(st.none() | st.integers(0, 100_000)),
        "stage": draw(st.sampled_from(["onboarding", "adoption", "renewal"])),
        "renewal_date": draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1))),
        # any text but NUL, which the store refuses (PostgreSQL cannot hold it), and lone
        # surrogates, which no file can hold
        "notes": draw(st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                              max_size=80)).strip(),
        "snapshots": draw(st.lists(st.tuples(st.integers(0, 150), percent, st.integers(0, 50)),
                                   max_size=4)),
        "stakeholders": draw(st.lists(names, max_size=2)),
        "risk": draw(st.none() | names),
    }


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(generated=st.lists(accounts(), min_size=1, max_size=3))
def test_round_trip_of_generated_accounts(forms, tmp_path_factory, generated):
    from csdesk.store.book import open_book

    folder = tmp_path_factory.mktemp("roundtrip")
    with open_book(forms, folder / "mine.sqlite3", today=lambda: TODAY) as mine, \
            open_book(forms, folder / "theirs.sqlite3", today=lambda: TODAY) as theirs:
        for data in generated:
            acc = mine.accounts.create({k: v for k, v in data.items() if k not in (
                "snapshots", "stakeholders", "risk")})
            for days, value, tickets in data["snapshots"]:
                mine.snapshots.record(acc.id, TODAY - dt.timedelta(days=days),
                                      HealthMetrics(**metrics_at(value)),
                                      OperationalFigures(recent_support_tickets=tickets))
            for person in data["stakeholders"]:
                mine.stakeholders.add(acc.id, {"name": person})
            if data["risk"]:
                mine.risks.add(acc.id, {"type": data["risk"], "description": data["risk"]})
        export_accounts(mine, None, folder / "a.csdesk")
        import_account_file(theirs, folder / "a.csdesk")
        export_accounts(theirs, None, folder / "b.csdesk")
        assert without_timestamp(document(folder / "a.csdesk")) == without_timestamp(
            document(folder / "b.csdesk"))
        assert everything(theirs) == everything(mine)
        assert plan_import(theirs, read_account_file(folder / "a.csdesk")).changes_nothing


def test_history_makes_a_small_compressed_file(book, tmp_path):
    fill_account(book, weeks=26)
    summary = export_accounts(book, None, tmp_path / "half-a-year.csdesk")
    assert summary.counts["snapshots"] == 26
    assert (tmp_path / "half-a-year.csdesk").read_bytes()[:2] == container.GZIP_MAGIC
    doc = document(tmp_path / "half-a-year.csdesk")
    assert summary.size * 4 < len(json.dumps(doc))  # gzip pays
    assert doc["snapshots"][0]["as_of"] == str(week(26))


def test_an_imported_sqlite_book_stores_byte_for_byte_what_the_original_stores(
        book, colleague, tmp_path):
    """Imports write SQLite rows directly; they must be stored exactly as the ORM stores
    them (UUIDs, times, dates, JSON), or ordering and lookups would drift."""
    if book.store.path is None:
        pytest.skip("about SQLite files")
    fill_account(book, weeks=3)
    export_accounts(book, None, tmp_path / "a.csdesk")
    import_account_file(colleague, tmp_path / "a.csdesk")
    for kind in transfer.KINDS:
        name = transfer.table(kind).name
        rows = []
        for path in (book.store.path, colleague.store.path):
            with sqlite3.connect(path) as db:
                rows.append(sorted(db.execute(f"SELECT * FROM {name}").fetchall()))
        assert rows[0] == rows[1], kind


def test_a_workshop_carried_on_on_two_laptops_merges_vote_by_vote(book, colleague, tmp_path):
    acme = book.accounts.create({"name": "Acme"})
    ws = book.workshops.start(acme.id, [("Dana Sponsor", None)])
    [dana] = ws.participants
    export_accounts(book, None, tmp_path / "morning.csdesk")
    import_account_file(colleague, tmp_path / "morning.csdesk")
    # the same person's vote and the same note typed on both laptops: new ids on each side
    colleague.workshops.vote(dana.id, "budget_approval", 2)
    colleague.workshops.set_note(ws.id, "scope_objectives", "theirs")
    book.workshops.vote(dana.id, "budget_approval", 4)  # later: this one wins
    book.workshops.set_note(ws.id, "scope_objectives", "mine, written later")
    export_accounts(book, None, tmp_path / "afternoon.csdesk")

    plan = plan_import(colleague, read_account_file(tmp_path / "afternoon.csdesk"))
    assert plan.counts["workshop_votes"].added == 0
    assert plan.counts["workshop_votes"].updated == 1
    apply_import(colleague, plan)
    [merged] = colleague.workshops.for_account(acme.id)
    assert merged.votes == {dana.id: {"budget_approval": 4}}
    assert merged.notes["scope_objectives"] == "mine, written later"
    again = plan_import(colleague, read_account_file(tmp_path / "afternoon.csdesk"))
    assert again.changes_nothing
