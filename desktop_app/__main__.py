"""``python -m desktop_app``: the GenAI Classroom window (also the frozen app's entry point)."""
import multiprocessing
import sys
import warnings

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # The bundle leaves out torch's own sources (build.spec), so torch warns once per overloaded
        # function that TorchScript cannot read them; the app never compiles TorchScript. Set before
        # freeze_support so the spawned GGUF-conversion child is quiet too.
        warnings.filterwarnings("ignore", message="Unable to retrieve source for @torch.jit._overload")
    multiprocessing.freeze_support()  # the GGUF conversion runs in a spawned child process
    from desktop_app.app import main

    sys.exit(main())
