"""The orgmodel language: lexer, parser, syntax tree, and the build into the model."""
