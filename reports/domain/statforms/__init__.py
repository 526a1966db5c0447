"""Statistical forms (issue 14): definitions as data, counting, checks before filing, the job, the files.

- definitions.py: reads and checks a form's rows and columns (the JSON of `StatForm.definition`);
  the shipped versions are JSON files in reports/data/statforms/.
- datasets.py: what a form may count (award records, movements, the office's organisations and staff),
  which fields its filters may name, and the checks that list the rows a form cannot classify.
- counting.py: a form's cells in one grouped query, and each cell's rows (the drill-down).
- jobs.py: the worker's job (count, Excel, PDF) with progress; marking a form final.
- output.py: the Excel and PDF files in the official frame.
"""
