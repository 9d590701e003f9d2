#!/usr/bin/env python3
"""Fails when a user-visible string of the desktop app has no translation.

Runs lupdate over the sources into a temporary copy of each .ts file (the committed files are not
touched) and lists every message that is new or unfinished there, so a string added with tr()
but not translated fails CI with its context and text. Also checks that each translation keeps
the source's placeholders (%1, %2, %n) and its keyboard mnemonic (&). `--ts` files are full
translations; `--plurals` files hold only the plural forms of the source language (lupdate
-pluralonly). Usage:

  check-translations.py --lupdate /usr/lib/qt6/bin/lupdate \\
      --ts app/desktop/translations/collab_desktop_es.ts \\
      --plurals app/desktop/translations/collab_desktop_en.ts \\
      -I app/desktop -I app -I app/richtext app/desktop app/client app/richtext
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r'%(?:\d+|n)')
MNEMONIC = re.compile(r'&(?!&)(?![a-zA-Z]+;)')  # "&File", not "&&" nor "&nbsp;"


def problems_in(ts_path):
    """(context, source, why) for each message that is not ready to ship."""
    found = []
    root = ET.parse(ts_path).getroot()
    for context in root.iter('context'):
        name = context.findtext('name')
        if not name.startswith('collab::'):
            # Every class of the app is in a namespace: a bare "CollabClient" means lupdate did not
            # find its header (an include directory missing), and tr() at run time, which asks for
            # "collab::client::CollabClient", would never find these translations.
            found.append((name, '*', 'context outside collab:: (lupdate did not see the class; pass its include directory)'))
        for message in context.iter('message'):
            source = message.findtext('source') or ''
            translation = message.find('translation')
            kind = translation.get('type') if translation is not None else 'unfinished'
            if kind in ('vanished', 'obsolete'):
                continue
            if message.get('numerus') == 'yes':
                forms = [f.text or '' for f in translation.iter('numerusform')] if translation is not None else []
            else:
                forms = [translation.text or ''] if translation is not None else []
            if kind == 'unfinished' or not forms or any(not f.strip() for f in forms):
                found.append((name, source, 'not translated'))
                continue
            wanted = sorted(set(PLACEHOLDER.findall(source)))
            for form in forms:
                have = sorted(set(PLACEHOLDER.findall(form)))
                # A plural form may leave %n out ("one message" for 1), never a %1.
                if [p for p in wanted if p != '%n'] != [p for p in have if p != '%n']:
                    found.append((name, source, 'placeholders %s, translation has %s' % (wanted, have)))
                    break
                if bool(MNEMONIC.search(source)) != bool(MNEMONIC.search(form)):
                    found.append((name, source, 'the keyboard mnemonic (&) is missing or extra in "%s"' % form))
                    break
    return found


HEX_AFTER_ESCAPE = re.compile(r'\\u[0-9A-Fa-f]{5}')
TRANSLATED_CALL = re.compile(r'(?<![A-Za-z_])(?:tr|translate|QT_TR_NOOP|QT_TRANSLATE_NOOP)\(')


def misread_escapes(sources):
    """Lines with a translated string where lupdate misreads a \\u escape: followed by a letter or
    digit that looks hexadecimal ("\\u201cBefore"), it takes them all as one code point, and the
    translation is made for a text the program never asks for."""
    found = []
    files = []
    for source in sources:
        if os.path.isdir(source):
            files += [os.path.join(source, f) for f in sorted(os.listdir(source)) if f.endswith(('.cpp', '.h'))]
        else:
            files.append(source)
    for path in files:
        with open(path, encoding='utf-8') as f:
            for number, line in enumerate(f, 1):
                if TRANSLATED_CALL.search(line) and HEX_AFTER_ESCAPE.search(line):
                    found.append('%s:%d: write the character itself, not a \\u escape followed by "%s"'
                                 % (path, number, HEX_AFTER_ESCAPE.search(line).group(0)[6:]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--lupdate', required=True)
    parser.add_argument('--ts', action='append', default=[], help='a complete translation')
    parser.add_argument('--plurals', action='append', default=[], help='plural forms only (source language)')
    parser.add_argument('--include', '-I', action='append', default=[],
                        help='an include directory, as the build gives lupdate (the classes of headers '
                             'included as "client/collabclient.h" get their namespace only if found)')
    parser.add_argument('sources', nargs='+', help='source directories or files')
    args = parser.parse_args()

    failed = False
    for problem in misread_escapes(args.sources):
        print(problem)
        failed = True
    with tempfile.TemporaryDirectory(prefix='check-translations-') as tmp:
        for path, options in [(p, []) for p in args.ts] + [(p, ['-pluralonly']) for p in args.plurals]:
            copy = os.path.join(tmp, os.path.basename(path))
            shutil.copyfile(path, copy)
            includes = [arg for d in args.include for arg in ('-I', d)]
            run = subprocess.run([args.lupdate, '-silent', '-locations', 'none', '-no-obsolete', *options, *includes,
                                  *args.sources, '-ts', copy], capture_output=True, text=True)
            if run.returncode != 0:
                print('%s: lupdate failed:\n%s%s' % (path, run.stdout, run.stderr))
                failed = True
                continue
            found = problems_in(copy)
            if found:
                failed = True
                print('%s: %d message(s) to fix (then `ninja update_translations` and translate them, '
                      'e.g. with linguist; docs/desktop.md, "Languages"):' % (path, len(found)))
                for context, source, why in found:
                    print('  [%s] "%s": %s' % (context, source.replace('\n', '\\n'), why))
            else:
                print('%s: complete' % path)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
