"""Drawing an org: the model and its findings to DOT, Mermaid, SVG and PNG."""
