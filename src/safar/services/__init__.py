"""The use-case layer: one plain function per action, called alike by the CLI, the pages and the JSON API.

A service composes the features (workspace, warehouse, alerts, ...) so that every edge does the same
thing for the same action; the edges only read their input and show the typed result.
"""
