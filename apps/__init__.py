"""The project package: settings, root URLs and WSGI, beside one sub-package per part."""
