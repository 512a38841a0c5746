"""The diff chart as the interactive HTML report: ``orgmodel diff OLD NEW --chart reorg.html``.

The page is :func:`orgmodel.render.html.build_page` around the diff chart's
SVG, so it pans, zooms and searches as the org report does. What it knows
of the roles is the new org's (a ghost card has no details to show); its
Findings tab lists the findings the change introduces, and its Figures view
holds what ``orgmodel diff`` prints: the figures that changed, the findings
introduced and resolved, and every change by group.
"""

from __future__ import annotations

from orgmodel import stats
from orgmodel.diff_format import changes_table, figures_table, findings_table, grouped, summary, title
from orgmodel.diff_kinds import GROUPS
from orgmodel.diff_sources import Compared
from orgmodel.stats_format import Section


def sections(compared: Compared) -> list[Section]:
    """The Figures view: what changed in figures, findings, then each group of changes."""
    diff = compared.diff
    found = [Section("What the change does", (("summary", summary(diff)),), (figures_table(diff),)),
             Section(f"Findings introduced ({len(diff.introduced)})", (), (findings_table(diff.introduced),)),
             Section(f"Findings resolved ({len(diff.resolved)})", (), (findings_table(diff.resolved),))]
    found += [Section(f"{GROUPS[group]} ({len(changes)})", (), (changes_table(changes, "→"),))
              for group, changes in grouped(diff).items()]
    return found


def diff_report(compared: Compared, engine: str = "embedded") -> tuple[bytes, list[str]]:
    """``(bytes, engine messages)`` of the page."""
    from orgmodel.render.diff_chart import render_diff
    from orgmodel.render.html import Page, build_page
    from orgmodel.render.html_data import report_data
    from orgmodel.render.html_stats import figures_html

    pack, diff = compared.pack, compared.diff
    rendered = render_diff(compared, "svg", engine)
    figures = stats.compute(compared.new.org, pack.vocabulary, stats.span_limit(pack))
    introduced = compared.new.replace(findings=sorted(item.finding for item in diff.introduced))
    name = compared.new.org.name or compared.old.org.name or compared.new.path
    page = Page(title=f"Reorg: {name}", subtitle=f"{title(diff)} · {summary(diff)}", svg=rendered.data,
                data=report_data(introduced, pack.rules, figures, pack.vocabulary.exclusive),
                figures=figures_html(figures, sections(compared)))
    return build_page(page), list(rendered.messages)
