"""How charts look: font, colours and sizes, in one place."""

from __future__ import annotations

from collections.abc import Mapping

FONT = "Lato,sans-serif"  # Lato measures (fonts.py); viewers without it fall back to a sans-serif (fonts.font_list)

# Card fill by layer ("none" = no layer given).
LAYER_FILL: Mapping[str, str] = {
    "strategic": "#dbeafe",
    "operational": "#dcfce7",
    "tactical": "#fef3c7",
    "none": "#ffffff",
}
BORDER = "#94a3b8"
ERROR = "#dc2626"
WARNING = "#d97706"
INFO = "#2563eb"
TEXT = "#0f172a"
MUTED = "#475569"
VACANT_TEXT = "#9a3412"
TREE_EDGE = "#64748b"
DOTTED_EDGE = "#7c3aed"
LIAISON_EDGE = "#94a3b8"
CLUSTER = "#cbd5e1"
DEPARTMENT_FILL = "#f1f5f9"
# Liaison lines and their department's border, one colour per department drawn (then again).
DEPARTMENT_COLOURS = ("#0891b2", "#c026d3", "#ea580c", "#16a34a", "#4f46e5", "#be123c", "#0d9488", "#a16207")

SMALL = 11  # points: badges, codes, the legend; the smallest text on a chart

# Badge fills by what the badge stands for.
BADGE_FILL: Mapping[str, str] = {
    "duty": "#ede9fe",  # an exclusive responsibility
    "kpi": "#ccfbf1",
    "campaign": "#fce7f3",
}
BADGES_PER_ROW = 3
BADGE_TEXT_LIMIT = 26  # characters; the full text is in the tooltip
MAX_BADGES = 9  # more become a "+N more" badge (a role may own thousands of KPIs)

# The diff chart (orgmodel diff --chart): a role's fill and border by what the reorg did to it.
DIFF_FILL: Mapping[str, str] = {
    "added": "#dcfce7",
    "moved": "#fef3c7",
    "changed": "#dbeafe",
    "removed": "#f1f5f9",
    "same": "#ffffff",
}
DIFF_BORDER: Mapping[str, str] = {
    "added": "#16a34a",
    "moved": "#d97706",
    "changed": "#2563eb",
    "removed": "#94a3b8",
    "same": "#cbd5e1",
}
