"""The guide's machinery: TorchServe process control, the in-process worker, page walks, capture.

Imported by the tests, the tools (benchmark, load runs, screenshots) and the site build; it never
imports the tests.
"""
