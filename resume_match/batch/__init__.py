"""A folder of CVs -> ranked results. Imports go one way, top to bottom:

- folder.py   the orchestration: walk the folder, a task per CV, resume, run, write (analyse_folder)
- local.py    executor: worker processes on this machine, over pool.py (per-file time limit)
- cluster.py  executor: a Dask cluster (the optional dask extra)
- tasks.py    the per-file unit every executor runs: BatchSettings, FileTask, analyse_file
- output.py   the output folder: BatchRow, results.csv/.jsonl, index.html, manifest, journal
- pool.py     a process pool that kills and replaces a stuck or crashed worker
- warm.py     imported by the workers' forkserver, so each worker starts with the matcher built
- progress.py the progress bar

Nothing is imported here: `resume_match.batch.progress` costs no more than that module.
"""
