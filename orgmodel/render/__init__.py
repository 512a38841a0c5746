"""Drawing an org: the model and its findings to DOT, Mermaid, SVG and PNG.

Kept free of imports: the command line reads these names to build its
options without loading Graphviz.
"""

FORMATS = ("svg", "png", "dot", "mermaid", "html")  # html: the interactive report (render/html.py)
ENGINES = ("embedded", "system")  # embedded: the Graphviz in the pygraphviz wheel
