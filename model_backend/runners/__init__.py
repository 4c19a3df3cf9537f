"""One module per task. A runner is a plain function: request in, events out, a result back."""
