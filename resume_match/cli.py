"""Command line: parse options, call one library function, print; errors become one line.

Each command lives in its own block below; keep them thin (options -> one library call -> render).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from resume_match import api, render
from resume_match.errors import ResumeMatchError, UsageError
from resume_match.extract.safetext import escape_controls
from resume_match.fileio import write_atomic

EXIT_CODES = ("Exit codes: 0 success; 1 an input could not be analysed (or a batch had "
              "failures); 2 usage error; 3 the batch --out folder is in use by another batch.")


class DefaultGroup(click.Group):
    """`resume-match FILE ...` means `resume-match analyse FILE ...`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["analyse", *args]
        return super().parse_args(ctx, args)

    def make_context(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        with escaped_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        with escaped_errors():        # a subcommand's options are parsed in here too
            return super().invoke(ctx)


@contextmanager
def escaped_errors() -> Iterator[None]:
    """Error messages (ours and click's, which quote file names) with control characters as
    visible escapes: a file named 'cv\\x1b]0;...' must not retitle the user's terminal."""
    try:
        yield
    except click.ClickException as e:
        e.message = escape_controls(e.message)  # type: ignore[misc]  # Final in the stubs only
        raise


def say(text: str) -> None:
    """One line for the person on stderr, control characters escaped (it may name a file)."""
    click.echo(escape_controls(text), err=True)


def fail(e: ResumeMatchError) -> click.ClickException:
    """A library error as a one-line click error with the library's exit code."""
    err = click.ClickException(str(e))
    err.exit_code = e.exit_code  # type: ignore[misc]  # click reads it per instance
    return err


def wrote(path: Path, data: str | bytes) -> None:
    """Write a file atomically and name it on stderr, as every written file is."""
    write_atomic(path, data)
    say(f"wrote {path}")


def echo_json(data: object) -> None:
    """Payload JSON on stdout, as every --json option prints it (C1 controls escaped)."""
    import json
    from resume_match.extract.safetext import escape_c1
    click.echo(escape_c1(json.dumps(data, indent=2, ensure_ascii=False)))


@click.group(cls=DefaultGroup, epilog=EXIT_CODES)
@click.version_option(package_name="resume-match")
def main() -> None:
    """Offline, explainable resume analyser for machine-learning careers.

    resume-match FILE [--role ROLE] analyses one CV (PDF, DOCX, text or Markdown).
    """


# ---------------------------------------------------------------- analyse (default command)

@main.command("analyse", epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--role", "roles", multiple=True, help="Role id (see `resume-match roles`) or a role YAML file; repeatable. Default: all roles.")
@click.option("--jd", "jd", type=str, default=None, help="Score against a job posting (.txt, .md, .pdf, .docx, or - for stdin).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON on stdout (same as --format json).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True, help="Output format on stdout.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also write a self-contained HTML report to this file.")
@click.option("--cv-out", "cv_out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Also render the CV into an ATS-friendly template at this path: HTML, or a PDF when it ends in .pdf (needs the pdf extra: WeasyPrint).")
@click.option("--template", "template_id", type=click.Choice(["classic", "template-a", "template-b", "executive"]), default=None, help="Template for --cv-out (default: the suggested one).")
@click.option("--engine", type=click.Choice(["pdfplumber", "pdfium"]), default="pdfplumber", show_default=True, help="PDF text engine.")
@click.option("--ocr", is_flag=True, help="OCR image-only PDF pages with Tesseract.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=api.DEFAULT_TIMEOUT_S, show_default=True, help="Time limit in seconds for the CV (as batch's per-file limit); the analysis runs in a child process that is killed when it is up.")
def analyse_cmd(file: Path, roles: tuple[str, ...], jd: str | None, as_json: bool, fmt: str,
                html_out: Path | None, cv_out: Path | None, template_id: str | None,
                engine: str, ocr: bool, timeout: float) -> None:
    """Analyse one CV: what it says, how it fits roles, how an ATS reads it."""
    pdf = cv_out is not None and cv_out.suffix.lower() == ".pdf"
    if pdf and (problem := render.pdf_writer_missing()):
        raise fail(UsageError(f"{cv_out}: {problem}"))      # before any work is done
    try:
        result = api.analyse(file, roles, jd=jd, engine=engine, ocr=ocr, timeout=timeout)
        if html_out is not None:
            wrote(html_out, render.render_html(result, cv_href=render.relative_href(cv_out, html_out) if cv_out else None))
        if cv_out is not None:
            wrote(cv_out, render.render_cv_pdf(result, template_id) if pdf
                  else render.render_cv(result, template_id))
    except ResumeMatchError as e:
        raise fail(e) from e
    fmt = "json" if as_json else fmt
    if fmt == "json":
        click.echo(render.render_json(result))
    elif fmt == "markdown":
        click.echo(render.render_markdown(result))
    else:
        click.echo(render.render_terminal(result))


# ---------------------------------------------------------------- roles

@main.command("roles", epilog=EXIT_CODES)
@click.argument("role", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def roles_cmd(role: str | None, as_json: bool) -> None:
    """List the roadmap roles, or show one role profile (id or YAML path)."""
    from resume_match.match.roles import role_to_dict
    try:
        chosen = (api.load_role(role, resolve_skills=True),) if role else api.list_roles()
    except ResumeMatchError as e:
        raise fail(e) from e
    if as_json:
        data = [role_to_dict(r) for r in chosen]
        echo_json(data[0] if role else data)
    elif role:
        click.echo(render.render_role_terminal(chosen[0]))
    else:
        click.echo(render.render_roles_terminal(chosen))


# ---------------------------------------------------------------- jd (job postings)

@main.command("jd", epilog=EXIT_CODES)
@click.argument("posting")
@click.option("--json", "as_json", is_flag=True, help="Print the derived profile as JSON.")
@click.option("--save-role", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the derived profile as a reusable role YAML file.")
def jd_cmd(posting: str, as_json: bool, save_role: Path | None) -> None:
    """Derive a role profile from a job posting (.txt, .md, .pdf, .docx or - for stdin)."""
    from resume_match.match.roles import dump_role_yaml
    try:
        result = api.posting(posting)
        if save_role is not None:
            wrote(save_role, dump_role_yaml(result.profile))
    except ResumeMatchError as e:
        raise fail(e) from e
    if as_json:
        echo_json(result.to_dict())
    else:
        click.echo(render.render_posting_terminal(result))
    if save_role is not None:
        say(f"  use it with --role {save_role}")


# ---------------------------------------------------------------- roadmap

@main.command("roadmap", epilog=EXIT_CODES)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Write the roadmap as HTML.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=api.DEFAULT_TIMEOUT_S, show_default=True, help="Time limit in seconds for the CV, as analyse's.")
def roadmap_cmd(file: Path, as_json: bool, html_out: Path | None, timeout: float) -> None:
    """The career roadmap for a CV: best-fit role now, next roles, gaps and a learning plan."""
    try:
        result = api.roadmap(file, timeout=timeout)
        if html_out is not None:
            wrote(html_out, render.render_roadmap_html(result))
    except ResumeMatchError as e:
        raise fail(e) from e
    if as_json:
        echo_json(result.to_dict())
    else:
        click.echo(render.render_roadmap_terminal(result))


# ---------------------------------------------------------------- batch

@main.command("batch", epilog=EXIT_CODES)
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@click.option("--role", "roles", multiple=True, help="Role id or YAML file; repeatable. Default: all roles.")
@click.option("--jd", "jd", type=str, default=None, help="Also score against a job posting (.txt, .md, .pdf, .docx).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True, help="Output folder.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Worker processes (default: the number of cores).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True, help="Per-file time limit in seconds; a stuck worker is killed and replaced.")
@click.option("--resume", is_flag=True, help="Continue an interrupted batch in --out, skipping files already done (by content hash); timed-out or crashed files are tried again once.")
@click.option("--blind", is_flag=True, help="Remove names, contact details, links, addresses and age cues from everything written.")
@click.option("--follow-links", is_flag=True, help="Also read files and folders that symbolic links in the folder point to outside it (skipped by default).")
@click.option("--quiet", is_flag=True, help="No progress bar (the summary line is still printed).")
@click.option("--engine", type=click.Choice(["pdfplumber", "pdfium"]), default="pdfplumber", show_default=True, help="PDF text engine (pdfium is several times faster).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where files are analysed: local worker processes or a Dask cluster.")
@click.option("--scheduler", type=str, default=None, help="Dask scheduler address for --executor dask (e.g. tcp://host:8786).")
def batch_cmd(folder: Path, roles: tuple[str, ...], jd: str | None, out_dir: Path,
              workers: int | None, timeout: float, resume: bool, blind: bool, follow_links: bool,
              quiet: bool, engine: str, executor: str, scheduler: str | None) -> None:
    """Score a whole folder of CVs: ranked CSV/JSONL, HTML reports and an index page."""
    from resume_match.batch.folder import failure_lines
    from resume_match.batch.progress import ProgressBar
    if scheduler and executor != "dask":
        raise fail(UsageError("--scheduler needs --executor dask"))
    try:
        result = api.analyse_folder(folder, roles, jd=jd, out_dir=out_dir, workers=workers,
                                timeout=timeout, resume=resume, blind=blind, engine=engine,
                                executor=executor, scheduler=scheduler,  # type: ignore[arg-type]
                                follow_links=follow_links, progress=ProgressBar(enabled=False if quiet else None))
    except ResumeMatchError as e:
        raise fail(e) from e
    except KeyboardInterrupt:
        raise fail(ResumeMatchError(f"batch interrupted; finished files are kept: rerun with "
                                    f"--resume --out {out_dir} to continue")) from None
    for line in failure_lines(result):
        say(line)
    say(result.summary())
    if result.failed:
        sys.exit(1)


# ---------------------------------------------------------------- serve (the web extra)

@main.command("serve", epilog=EXIT_CODES)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (only this machine by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free port, said in the listening line).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Analysis processes (default: the number of cores).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True, help="Per-file time limit in seconds, as for batch.")
@click.option("--queue", type=click.IntRange(min=1), default=400, show_default=True, help="Files waiting or being analysed at most; more get 503 with Retry-After.")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=10.0, show_default=True, help="Largest CV or posting file accepted (413 above).")
@click.option("--max-files", type=click.IntRange(min=1), default=200, show_default=True, help="CVs in one recruiter upload, zip entries included.")
def serve_cmd(host: str, port: int, workers: int | None, timeout: float, queue: int,
              max_file_mb: float, max_files: int) -> None:
    """A local web app for the same analysis: candidate and recruiter pages and a JSON API
    (needs the web extra: pip install 'resume-match[web]')."""
    from resume_match import web
    try:
        web.serve(host, port, workers, timeout=timeout, queue=queue, max_file_mb=max_file_mb,
                  max_files=max_files)
    except ResumeMatchError as e:
        raise fail(e) from e


if __name__ == "__main__":
    sys.exit(main())
