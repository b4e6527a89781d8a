"""`python -m resume_match` runs the command-line interface."""
from resume_match.cli import main

if __name__ == "__main__":
    main()
