"""``orgmodel rules`` and ``orgmodel explain``: the rule pack's own documentation."""

from __future__ import annotations

import click

from orgmodel.commands import PACK_OPTION, fail, pack_with
from orgmodel.sanitise import for_terminal
from orgmodel.suggest import did_you_mean


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="List format.")
@PACK_OPTION
def list_rules(output_format: str, rule_packs: tuple[str, ...]) -> None:
    """List every rule: code, severity, name and what it finds."""
    import json

    from orgmodel import docs

    pack = pack_with(rule_packs)
    if output_format == "markdown":
        click.echo(for_terminal(docs.rules_markdown(pack), lines=True), nl=False)
    elif output_format == "json":
        click.echo(json.dumps([  # ensure_ascii: every control is a JSON escape
            {"code": r.code, "name": r.name, "severity": str(r.severity), "opt_in": r.opt_in, "summary": r.summary,
             "kind": r.kind.name, "source": r.source.title, "pack": r.pack}
            for r in pack.rules.values()], indent=2))
    else:
        for rule in pack.rules.values():
            severity = f"{rule.severity}*" if rule.opt_in else str(rule.severity)
            click.echo(for_terminal(f"{rule.code:<9}{severity:<9}{rule.name:<34} {rule.summary}"))
        click.echo("* opt-in: runs only when selected (--extend-select CODE, or extend-select in the settings)")


@click.command()
@click.argument("code")
@PACK_OPTION
def explain(code: str, rule_packs: tuple[str, ...]) -> None:
    """Explain one rule: what it checks, why, its source, an example and the fix."""
    from orgmodel import docs

    pack = pack_with(rule_packs)
    rule = pack.rules.get(code.upper())
    if rule is None:
        fail(f"no rule {code}{did_you_mean(code.upper(), pack.rules)}; `orgmodel rules` lists them")
    click.echo(for_terminal(docs.rule_text(rule), lines=True), nl=False)
