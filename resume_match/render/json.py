"""The report as JSON: the contract in resume_match/report.schema.json."""
from __future__ import annotations

import json

from resume_match.models import Report

def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)

