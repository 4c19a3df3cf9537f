"""The app's version, shown in the window and written into the packaged app."""
APP_VERSION = "0.1.0"
