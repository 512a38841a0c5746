"""JUnit XML: one testcase per file and rule; a failure lists that rule's findings in the file.

Every text from a file (paths, messages) goes through the sanitiser, which
escapes each character XML 1.0 cannot carry (controls, U+FFFE, surrogates),
so the report is well-formed whatever the names and the org text hold.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from orgmodel.report import Report
from orgmodel.sanitise import for_terminal


def render(report: Report) -> str:
    suites = ET.Element("testsuites", name="orgmodel")
    suite = ET.SubElement(suites, "testsuite", name="orgmodel")
    tests = failures = 0
    for result in sorted(report.results, key=lambda r: r.path):
        path = for_terminal(result.path)
        for code, rule in report.rules.items():
            found = [f for f in result.findings if f.code == code]
            case = ET.SubElement(suite, "testcase", classname=path, name=for_terminal(f"{code} {rule.name}"),
                                 file=path)
            tests += 1
            if found:
                failures += 1
                failure = ET.SubElement(case, "failure", type=str(max(f.severity for f in found)),
                                        message=for_terminal(f"{len(found)} finding{'s' if len(found) > 1 else ''}: "
                                                             f"{rule.summary}"))
                failure.text = "\n".join(f"{path}:{f.line}:{f.column}: {f.severity} {for_terminal(f.message)}"
                                         for f in found)
    for element in (suites, suite):
        element.set("tests", str(tests))
        element.set("failures", str(failures))
        element.set("errors", "0")
    suite.set("skipped", "0")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
