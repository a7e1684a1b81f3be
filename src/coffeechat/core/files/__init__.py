"""Plain files of the workspace: finding it, writing atomically, locks, leftovers of
interrupted saves, sync-conflict copies, opening only regular files, the editor.
"""
