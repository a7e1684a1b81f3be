"""The kinds of contact file `coffeechat import` reads, one module each (`linkedin`,
`google`, `vcard`), with what they share: a CSV table found under its header
(`table`) and values made fit for a person's file (`values`).
`core.people.contacts` tells them apart and hands each file to its reader.
"""
