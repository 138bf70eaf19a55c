"""The `readiness` command: wires the layers; the only place that prints or exits.

Exit codes: 0 ok, 1 unexpected error, 2 bad input.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

import click

from assessment import __version__
from assessment.model.errors import InputError, Problem

if TYPE_CHECKING:
    from assessment.loading.engagement import Engagement
    from assessment.model.results import Results

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2
MAX_PROBLEMS_SHOWN = 50


def _report_problems(error: InputError) -> None:
    count = len(error.problems)
    click.echo(f"error: {count} problem{'s' if count != 1 else ''} in the input:", err=True)
    for problem in error.problems[:MAX_PROBLEMS_SHOWN]:
        click.echo(f"  - {problem}", err=True)
    if count > MAX_PROBLEMS_SHOWN:
        click.echo(f"  ... and {count - MAX_PROBLEMS_SHOWN} more", err=True)


def _assess(folder: Path, previous: Path | None = None) -> tuple[Engagement, Results]:
    from assessment.commands.pipeline import assess

    return assess(folder, previous)


force_option = click.option(
    "--force", is_flag=True, help="Replace output files even if readiness did not write them."
)
previous_option = click.option(
    "--previous",
    type=click.Path(path_type=Path),
    help="results.json of an earlier assessment, to show progress since then "
    "(default: previous_results in assessment.yaml).",
)


def _results_json(results: Results) -> str:
    return results.model_dump_json(indent=2) + "\n"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readiness")
def cli() -> None:
    """Assess an organisation's readiness for generative AI.

    An engagement is a folder holding assessment.yaml (the organisation's profile) and
    responses/ (CSV answers from business units). `readiness report` turns it into a PDF
    action plan for leadership; `readiness score` prints the scores in the terminal.
    """


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "pdf_path",
    type=click.Path(path_type=Path),
    help="Where to write the PDF report.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(path_type=Path),
    help="Also write the report as a self-contained HTML file.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    help="Also write the machine-readable results (results.json).",
)
@click.option(
    "--audience",
    type=click.Choice(["full", "executive"]),
    default="full",
    show_default=True,
    help="executive: a short leadership edition (summary, roadmap, costs).",
)
@click.option(
    "--per-unit",
    "per_unit",
    type=click.Path(path_type=Path),
    help="Instead of -o: write one report per business unit into this folder.",
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path, file_okay=False),
    help="A folder of report partials (such as _cover.html.j2) that replace the bundled ones.",
)
@force_option
@previous_option
def report(
    folder: Path,
    pdf_path: Path | None,
    html_path: Path | None,
    json_path: Path | None,
    audience: str,
    per_unit: Path | None,
    templates: Path | None,
    force: bool,
    previous: Path | None,
) -> None:
    """Score the engagement in FOLDER and write a PDF readiness report with its roadmap.

    Examples:

      readiness report examples/northwind -o northwind-readiness.pdf

      readiness report examples/northwind --per-unit reports/ --audience executive
    """
    if (pdf_path is None) == (per_unit is None):
        raise click.UsageError("give either -o FILE.pdf or --per-unit FOLDER")
    if per_unit is not None:
        if html_path or json_path or previous:
            raise click.UsageError(
                "--per-unit writes PDFs only: drop --html, --json and --previous"
            )
        if templates:
            raise click.UsageError("--templates applies to one report (-o), not to --per-unit")
        _report_per_unit(folder, per_unit, audience, force)
        return
    assert pdf_path is not None
    from assessment.commands.output_files import check_writable, is_stdout
    from assessment.commands.unfinished import still_empty
    from assessment.loading.deliverable import engagement_layer
    from assessment.report.context import build_context
    from assessment.report.render import render_html, render_pdf

    outputs = [p for p in (pdf_path, html_path, json_path) if p is not None]
    if len({p if is_stdout(p) else p.resolve() for p in outputs}) != len(outputs):
        raise InputError(
            Problem("command line", "the PDF, HTML and JSON outputs need different names")
        )
    check_writable(pdf_path, force)  # a PDF is binary: never to standard output
    for path in (html_path, json_path):
        if path is not None:
            check_writable(path, force, streams=True)
    if templates is not None and not templates.is_dir():
        raise InputError(Problem(str(templates), "is not a folder of report templates"))
    engagement, results = _assess(folder, previous)
    layer = engagement_layer(engagement)
    context = build_context(
        results,
        engagement.questionnaire.questionnaire,
        engagement.profile,
        engagement.folder,
        audience,
        layer=layer,
    )
    pdf = render_pdf(render_html(context, templates=templates), engagement.folder)
    # Everything is rendered before anything is written, and the files are committed together.
    written = [(pdf_path, pdf.data)]
    if html_path:
        html = render_html(context, standalone=True, templates=templates)
        written.append((html_path, html.encode("utf-8")))
    if json_path:
        written.append((json_path, _results_json(results).encode("utf-8")))
    _write_and_tell(written, {pdf_path: f" ({pdf.pages} pages)"})
    for url in pdf.refused_urls:
        click.echo(f"warning: refused to fetch {url}", err=True)
    dimensions = [d.dimension_id for d in results.dimensions]
    for notice in still_empty(layer, dimensions, audience):
        click.echo(f"still to do: {notice}", err=True)


def _write_and_tell(
    outputs: list[tuple[Path, bytes]], notes: dict[Path, str] | None = None
) -> None:
    """Commit the outputs together, then say what was written; with one output on standard
    output, the messages go to standard error."""
    from assessment.commands.output_files import is_stdout, write_outputs

    write_outputs(outputs)
    streamed = [data for path, data in outputs if is_stdout(path)]
    for path, _ in outputs:
        if not is_stdout(path):
            click.echo(f"wrote {path}{(notes or {}).get(path, '')}", err=bool(streamed))
    for data in streamed:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _report_per_unit(folder: Path, out_dir: Path, audience: str, force: bool) -> None:
    from rich.progress import Progress

    from assessment.commands.output_files import check_writable
    from assessment.commands.unit_reports import render_unit_reports, unit_report_path
    from assessment.common.write_errors import write_error
    from assessment.loading.engagement import load_engagement

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(Problem(str(out_dir), "is not a folder"))
    from assessment.loading.deliverable import engagement_layer

    engagement = load_engagement(folder)
    layer = engagement_layer(engagement)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_error(out_dir, exc) from exc
    for unit in engagement.profile.business_units:
        check_writable(unit_report_path(out_dir, unit.id), force)
    units = len(engagement.profile.business_units)
    with Progress(transient=True) as progress:
        task = progress.add_task("rendering unit reports", total=units)
        for done in render_unit_reports(engagement, out_dir, audience, layer=layer):
            progress.advance(task)
            if done.skipped:
                progress.console.print(f"skipped {done.unit_id}: {done.skipped}", highlight=False)
            else:
                progress.console.print(f"wrote {done.path} ({done.pages} pages)", highlight=False)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the full results as JSON on standard output, for machines.",
)
@previous_option
def score(folder: Path, as_json: bool, previous: Path | None) -> None:
    """Score the engagement in FOLDER and print a table of dimensions, levels and gaps."""
    _, results = _assess(folder, previous)
    if as_json:
        click.echo(_results_json(results), nl=False)
        return
    from assessment.exports.terminal import print_scores

    print_scores(results)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path),
    help="Also write the roadmap as CSV for project tools.",
)
@force_option
@previous_option
def roadmap(folder: Path, csv_path: Path | None, force: bool, previous: Path | None) -> None:
    """Plan the roadmap for the engagement in FOLDER and print it as a table: phases, actions,
    months, owners and cost ranges, with deferred actions and regulatory deadlines."""
    from assessment.commands.output_files import check_writable, is_stdout

    if csv_path:
        check_writable(csv_path, force, streams=True)
    _, results = _assess(folder, previous)
    from assessment.exports.terminal import print_roadmap

    if csv_path is None or not is_stdout(csv_path):  # `--csv -`: the CSV alone, for a pipe
        print_roadmap(results)
    if csv_path:
        from assessment.exports.roadmap_csv import roadmap_csv

        _write_and_tell([(csv_path, roadmap_csv(results).encode("utf-8"))])


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "pptx_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write the deck (.pptx).",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    help="The firm's PowerPoint file whose masters and layouts the deck uses.",
)
@force_option
def deck(folder: Path, pptx_path: Path, template: Path | None, force: bool) -> None:
    """Score the engagement in FOLDER and write an editable slide deck: native charts and
    tables, with the narrative in the speaker notes.

    Example:

      readiness deck examples/northwind -o northwind.pptx --template firm.pptx
    """
    from assessment.commands.deck import make_deck

    written = make_deck(folder, pptx_path, template, force)
    click.echo(f"wrote {written.path} ({written.slides} slides)")
    for notice in written.notices:
        click.echo(f"warning: {notice}", err=True)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "xlsx_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Where to write the workbook (.xlsx).",
)
@force_option
def workbook(folder: Path, xlsx_path: Path, force: bool) -> None:
    """Score the engagement in FOLDER and write an analysis workbook: the answers under
    pseudonyms, question and dimension scores, the roadmap, KPIs and costs, a sheet each.

    Example:

      readiness workbook examples/northwind -o northwind-analysis.xlsx
    """
    from assessment.commands.output_files import check_writable, write_atomically
    from assessment.commands.workbook import analysis_workbook

    if xlsx_path.suffix.lower() != ".xlsx":
        raise InputError(
            Problem(
                "command line",
                f"'{xlsx_path}' does not end in .xlsx; give the workbook a .xlsx name",
                field="--output",
            )
        )
    check_writable(xlsx_path, force)
    engagement, results = _assess(folder)
    write_atomically(xlsx_path, analysis_workbook(engagement, results))
    click.echo(f"wrote {xlsx_path}")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--name",
    default="Your organisation",
    show_default=True,
    help="The organisation's name to put in assessment.yaml.",
)
@click.option(
    "--questionnaire",
    "questionnaire_ref",
    default="genai-readiness",
    show_default=True,
    help="Bundled questionnaire id to use.",
)
def init(folder: Path, name: str, questionnaire_ref: str) -> None:
    """Create a new engagement FOLDER with an assessment.yaml to edit and an empty responses/."""
    from assessment.commands.new_engagement import create_engagement, profile_text
    from assessment.common.commit_journal import engagement_writer
    from assessment.common.engagement_lock import PRIVATE_DIR
    from assessment.common.write_errors import write_error
    from assessment.loading.questionnaire import load_questionnaire, resolve_questionnaire

    loaded = load_questionnaire(resolve_questionnaire(questionnaire_ref))
    profile_text(folder, loaded.questionnaire, name)  # a bad name creates no folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        pass  # a file of that name: create_engagement refuses it, saying so
    except OSError as exc:
        raise write_error(folder, exc) from exc
    if folder.is_dir() and all(p.name == PRIVATE_DIR for p in folder.iterdir()):
        with engagement_writer(folder, "init"):  # two inits into one folder: one wins
            created = create_engagement(folder, loaded.questionnaire, name)
    else:
        created = create_engagement(folder, loaded.questionnaire, name)  # refuses, saying why
    for path in created:
        click.echo(f"created {path}")
    click.echo(
        "next: edit assessment.yaml, add response files to responses/, then run "
        f"`readiness report {folder} -o report.pdf`"
    )


@cli.command()
@click.argument(
    "kind",
    type=click.Choice(
        [
            "results",
            "questionnaire",
            "dimension",
            "actions",
            "action",
            "archetypes",
            "engagement",
            "rate-card",
            "use-cases",
        ]
    ),
)
def schema(kind: str) -> None:
    """Print the JSON Schema of KIND: results (results.json), engagement (assessment.yaml),
    rate-card (rate-card.yaml), use-cases (use-cases.yaml), or a questionnaire's
    questionnaire.yaml, dimension files, actions.yaml, action files (actions/*.yaml) or
    archetypes.yaml."""
    from assessment.commands.schemas import schema_json

    click.echo(schema_json(kind), nl=False)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "kind",
    type=click.Choice(["xlsx", "html"]),
    default="xlsx",
    show_default=True,
    help="xlsx: a fillable workbook per unit; html: an offline form per unit that saves the "
    "answers as a JSON file to send back.",
)
@click.option("--unit", help="Only this business unit (id or name).")
@click.option(
    "--role",
    help="Only the questions meant for this role.",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path),
    help="Folder for the files (default: FOLDER/collect).",
)
@force_option
def collect(
    folder: Path, kind: str, unit: str | None, role: str | None, out_dir: Path | None, force: bool
) -> None:
    """Make questionnaires for business units to fill in: one workbook per unit with a
    drop-down of allowed answers for every question and a locked structure, or one
    self-contained offline HTML form per unit."""
    from assessment.collect.fillable_workbook import build_workbook
    from assessment.collect.form import build_form
    from assessment.collect.form_branding import FormBranding
    from assessment.commands.output_files import check_writable, write_outputs
    from assessment.common.commit_journal import engagement_writer
    from assessment.common.write_errors import write_error
    from assessment.loading.deliverable import load_consultant_layer
    from assessment.loading.setup import load_setup

    setup = load_setup(folder)  # a broken engagement is named before the lock is taken
    profile, questionnaire = setup.profile, setup.questionnaire.questionnaire
    branding, notice = None, None
    if kind == "html":  # the form wears the engagement's theme
        theme = load_consultant_layer(folder, setup).theme
        branding, notice = FormBranding.from_theme(profile.organisation.name, theme, folder)
    units = profile.business_units
    if unit is not None:
        units = [u for u in units if unit in (u.id, u.name)]
        if not units:
            raise InputError(
                Problem(
                    "command line", f"no business unit '{unit}' in assessment.yaml", field="--unit"
                )
            )
    target = out_dir or folder / "collect"
    with engagement_writer(folder, "collect"):
        if target.exists() and not target.is_dir():
            raise InputError(Problem(str(target), "is not a folder"))
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise write_error(target, exc) from exc
        paths = [target / f"{u.id}{'-' + role if role else ''}.{kind}" for u in units]
        for path in paths:
            check_writable(path, force)
        write_outputs(
            [
                (
                    path,
                    build_form(questionnaire, profile, u.id, role, branding)
                    if kind == "html"
                    else build_workbook(questionnaire, profile, u.id, role),
                )
                for u, path in zip(units, paths, strict=True)
            ]
        )
    for path in paths:
        click.echo(f"wrote {path}")
    if notice:
        click.echo(f"notice: {notice}")


@cli.command("import")
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--replace", is_flag=True, help="Replace a respondent's earlier answers when they differ."
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(path_type=Path),
    help="YAML file mapping renamed or translated questions, answers, units, roles.",
)
@click.option(
    "--format",
    "kind",
    default="auto",
    show_default=True,
    type=click.Choice(
        [
            "auto",
            "workbook",
            "form",
            "surveyjs",
            "microsoft_forms",
            "google_forms",
            "qualtrics",
            "csv",
        ]
    ),
    help="The format of the files; detected from each file by default.",
)
def import_(
    folder: Path, files: tuple[Path, ...], replace: bool, mapping_path: Path | None, kind: str
) -> None:
    """Import answers into FOLDER/responses/ as normalised CSV files: filled workbooks,
    offline-form JSON, SurveyJS results, Microsoft Forms (.xlsx), Google Forms (.csv),
    Qualtrics (.csv) exports and the native CSV.

    Columns match questions by id or question text; answers by option id or label. All or
    nothing: one bad file and nothing is written. Importing the same file again changes
    nothing. Names and e-mails become pseudonymous ids.
    """
    from assessment.collect.pseudonyms import engagement_key
    from assessment.collect.store import import_files
    from assessment.common.commit_journal import engagement_writer
    from assessment.loading.setup import load_setup

    load_setup(folder)  # a clear error for a broken engagement, before the lock and the key
    with engagement_writer(folder, "import"):  # read again under the lock: it may have changed
        setup = load_setup(folder)
        summary = import_files(
            setup, list(files), engagement_key(folder), replace, mapping_path, kind
        )
    for path in summary.written:
        click.echo(f"wrote {path}")
    for notice in summary.notices:
        click.echo(f"notice: {notice}")
    click.echo(
        f"imported {len(summary.imported)} respondent(s), replaced {len(summary.replaced)}, "
        f"{len(summary.unchanged)} already imported unchanged"
    )


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
def status(folder: Path) -> None:
    """Who has answered so far, by business unit and role, coverage per dimension, and what
    is still missing, so the rest can be chased."""
    from assessment.commands.status import engagement_status
    from assessment.exports.terminal import print_status

    print_status(engagement_status(folder))


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--unit", required=True, help="The business unit (id or name) the links are for.")
@click.option("--role", required=True, help="The respondents' role (id or label).")
@click.option("--count", type=click.IntRange(1, 10_000), help="This many links without e-mail.")
@click.option(
    "--emails",
    "emails_file",
    type=click.Path(path_type=Path),
    help="A text file of e-mail addresses, one per line: one personal link each.",
)
@click.option(
    "--anonymous",
    is_flag=True,
    help="Answers cannot be traced to the link: the link keeps only whether it was used.",
)
@click.option(
    "--open", "open_link", is_flag=True, help="Make (or replace) the unit and role's open link."
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    help="CSV of the links for mail merge (default: FOLDER/invitations-UNIT-ROLE.csv).",
)
@click.option("--base-url", help="The server's address as respondents reach it: https://host")
def invite(
    folder: Path,
    unit: str,
    role: str,
    count: int | None,
    emails_file: Path | None,
    anonymous: bool,
    open_link: bool,
    out: Path | None,
    base_url: str | None,
) -> None:
    """Make personal links to the web questionnaire for a business unit and role, written
    to a CSV for mail merge, or with --open the one open (anonymous) link of the unit and
    role. Links are shown once: only their hashes are kept."""
    from assessment.commands.invite import check_base_url, invite_links, links_csv
    from assessment.commands.output_files import check_writable

    base = check_base_url(base_url)
    if open_link == (count is not None or emails_file is not None) or (
        count is not None and emails_file is not None
    ):
        raise click.UsageError("give one of --count N, --emails FILE or --open")
    target = out or folder / f"invitations-{unit}-{role}.csv"
    if not open_link:
        check_writable(target, False)  # links are shown once: never replace a file
    invited = invite_links(
        folder,
        unit,
        role,
        count=count,
        emails_file=emails_file,
        anonymous=anonymous or open_link,
        open_link=open_link,
    )
    if not base:
        click.echo(
            "note: no --base-url, so links are paths: put the server's address "
            "(e.g. https://survey.example.org) in front of them"
        )
    if open_link:
        if invited.replaced:
            click.echo("replaced the earlier open link, which no longer starts new answers")
        click.echo(f"open link (shown once): {base}{invited.links[0].path}")
        return
    _write_and_tell([(target, links_csv(invited.links, base))])
    click.echo(f"{len(invited.links)} link(s); only their hashes are kept, so keep this file safe")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.argument("respondent_id")
@click.option(
    "--keep", required=True, type=click.Choice(["web", "file"]), help="Which answers count."
)
def resolve(folder: Path, respondent_id: str, keep: str) -> None:
    """Choose which answers count for a respondent who answered both on the web and in an
    imported file (until then the more recent count, and status and the report flag it)."""
    from assessment.commands.resolve import resolve as resolve_conflict

    conflict = resolve_conflict(folder, respondent_id, keep)
    click.echo(f"{conflict.respondent_id}: the {keep} answers count from now on")


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option(
    "--workspace",
    type=click.Path(path_type=Path, file_okay=False),
    help="Serve every engagement folder inside this folder instead of one FOLDER.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--database",
    help="postgresql://user@host/name for a shared database "
    "(default: SQLite in the engagement's private folder).",
)
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Server processes."
)
@click.option(
    "--behind-tls", is_flag=True, help="Mark cookies Secure: the server sits behind HTTPS."
)
def serve(
    folder: Path | None,
    workspace: Path | None,
    host: str,
    port: int,
    database: str | None,
    workers: int,
    behind_tls: bool,
) -> None:
    """Serve the web questionnaire and the consultant's workspace for FOLDER.

    Examples:

      readiness serve examples/northwind

      readiness serve --workspace engagements/ --database postgresql://readiness@db/readiness
    """
    if (folder is None) == (workspace is None):
        raise click.UsageError("give either FOLDER or --workspace DIR")
    from assessment.web.server import (
        ServeSettings,
        build_workspace,
        server_address,
        start_notices,
    )
    from assessment.web.server import serve as run_server

    settings = ServeSettings(
        folder=str(folder) if folder else None,
        workspace=str(workspace) if workspace else None,
        database=database,
        secure_cookies=behind_tls,
    )
    built = build_workspace(settings)  # bad input stops here, with exit 2, before serving
    click.echo(f"Serving on {server_address(host, port)}/ (Ctrl+C to stop)", err=True)
    for notice in start_notices(built, host, port):
        click.echo(notice, err=True)  # stderr: never in a log of standard output
    run_server(settings, host, port, workers)


@cli.group()
def questionnaire() -> None:
    """Work with questionnaires: validate, outline, schema."""


@questionnaire.command("schema")
@click.option(
    "--file",
    "kind",
    type=click.Choice(["questionnaire", "dimension", "actions", "action"]),
    default="dimension",
    show_default=True,
    help="Which questionnaire file the schema describes: actions is the action library file "
    "(actions.yaml), action one file of its actions folder.",
)
def questionnaire_schema(kind: str) -> None:
    """Print the JSON Schema of a questionnaire file, for completion in editors."""
    from assessment.commands.schemas import schema_json

    click.echo(schema_json(kind), nl=False)


@questionnaire.command("show")
@click.argument("path")
def questionnaire_show(path: str) -> None:
    """Print a readable outline of a questionnaire (folder or bundled id): levels, dimensions,
    capabilities and question counts."""
    from assessment.commands.outline import outline
    from assessment.loading.questionnaire import load_questionnaire, resolve_questionnaire

    click.echo(outline(load_questionnaire(resolve_questionnaire(path))))


@questionnaire.command("export")
@click.argument("path")
@click.option(
    "--format",
    "kind",
    type=click.Choice(["surveyjs"]),
    default="surveyjs",
    show_default=True,
    help="surveyjs: a SurveyJS JSON survey.",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path),
    help="Write to this file instead of standard output.",
)
@force_option
def questionnaire_export(path: str, kind: str, out: Path | None, force: bool) -> None:
    """Export a questionnaire (folder or bundled id) for a survey tool: a page per dimension,
    choices with the option labels, visibleIf from the conditions. Its results import back
    with `readiness import`."""
    from assessment.collect.surveyjs import surveyjs_survey
    from assessment.loading.questionnaire import load_questionnaire, resolve_questionnaire

    survey = surveyjs_survey(load_questionnaire(resolve_questionnaire(path)).questionnaire)
    if out is None:
        click.echo(survey, nl=False)
        return
    from assessment.commands.output_files import check_writable

    check_writable(out, force, streams=True)
    _write_and_tell([(out, survey.encode("utf-8"))])


@questionnaire.command("validate")
@click.argument("path")
def questionnaire_validate(path: str) -> None:
    """Check a questionnaire folder (or a bundled questionnaire id) and its action library.

    Lists every problem with its file and field; exits 2 if there is any.
    """
    from assessment.loading.archetypes import load_archetypes
    from assessment.loading.questionnaire import load_questionnaire, resolve_questionnaire

    loaded = load_questionnaire(resolve_questionnaire(path))
    q = loaded.questionnaire
    archetypes = load_archetypes(loaded.folder, q, loaded.actions)
    questions = sum(len(d.questions) for d in q.dimensions)
    archetype_count = f", {len(archetypes.archetypes)} archetypes" if archetypes else ""
    click.echo(
        f"ok: {q.id} {q.version}: {len(q.dimensions)} dimensions, {questions} questions, "
        f"{len(loaded.actions.actions)} actions{archetype_count}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; bad input never shows a traceback."""
    try:
        cli.main(args=argv, prog_name="readiness", standalone_mode=False)
    except InputError as error:
        _report_problems(error)
        return EXIT_BAD_INPUT
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_UNEXPECTED
    except click.ClickException as error:
        error.show()
        return EXIT_BAD_INPUT
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except Exception as error:  # the last line of defence: say what happened, briefly
        if os.environ.get("READINESS_DEBUG"):
            traceback.print_exc()
        click.echo(f"unexpected error: {type(error).__name__}: {error}", err=True)
        click.echo("set READINESS_DEBUG=1 to see the traceback; please report it", err=True)
        return EXIT_UNEXPECTED
    return EXIT_OK


def run() -> None:
    sys.exit(main())
