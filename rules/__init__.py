"""The built-in rule pack: data files, installed as the package orgmodel.rules."""
