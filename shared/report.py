"""What a pytest run said, read from its JUnit XML report (`--junitxml=FILE -o
junit_family=xunit1`, the family that names each test's file): how many tests passed and
failed, and the first failure's test and reason. `course.py watch` and `check` show it."""
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

# pytest's options for a report that read_report() reads, beside --junitxml=FILE.
REPORT_OPTIONS = ('-o', 'junit_family=xunit1')

# The line of a failure's message that names the exception: `SyntaxError: invalid syntax`.
EXCEPTION_LINE = re.compile(r'[A-Za-z_][\w.]*(Error|Exception|Warning|Exit)\b')


@dataclass
class Result:
    green: int
    red: int
    skipped: int
    first_red: str = ''     # the first failing test's name
    reason: str = ''        # and its exception, as pytest reports it


def read_report(report):
    """The Result in pytest's JUnit XML report: a test that failed or erred is red."""
    result = Result(green=0, red=0, skipped=0)
    for case in ElementTree.parse(report).iter('testcase'):
        problems = case.findall('failure') + case.findall('error')
        if problems:
            result.red += 1
            if not result.first_red:
                result.first_red = '::'.join(filter(None, (case.get('file'), case.get('name'))))
                result.reason = problems[0].get('message') or problems[0].text or ''
        elif case.find('skipped') is not None:
            result.skipped += 1
        else:
            result.green += 1
    return result


def reason_lines(message):
    """A failure's reason in two lines at most: the message's first line, then the line
    naming the exception if a later one does (a SyntaxError's message begins with where
    it is), or else the second line."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    naming = [line for line in lines[1:] if EXCEPTION_LINE.match(line)]
    return lines[:1] + (naming[:1] or lines[1:2])
