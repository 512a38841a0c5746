"""Drawing an org: the model and its findings to DOT, Mermaid, SVG, PNG and PDF.

Kept free of imports: the command line reads these names to build its
options without loading Graphviz.
"""

FORMATS = ("svg", "png", "pdf", "dot", "mermaid", "html")  # html: the interactive report (render/html.py)
LAYOUTS = ("auto", "tree", "compact")  # see orgmodel.render.layout
# Paper sizes for --page, in inches, portrait (width, height).
PAGES = {"a4": (8.27, 11.69), "a3": (11.69, 16.54), "a2": (16.54, 23.39), "a1": (23.39, 33.11),
         "a0": (33.11, 46.81), "letter": (8.5, 11.0), "legal": (8.5, 14.0), "tabloid": (11.0, 17.0)}
ENGINES = ("embedded", "system")  # embedded: the Graphviz in the pygraphviz wheel
