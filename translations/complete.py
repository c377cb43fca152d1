#!/usr/bin/env python3
"""Fills translations into a .ts file after `cmake --build ... --target update_translations`.

    complete.py daftar_en.ts                 # English: every unfinished message = its source
    complete.py daftar_fa.ts TABLE.py        # Persian: from a Python dict T[(context, source)]

Messages already translated are left alone; what stays unfinished is listed on stderr.
"""
import re
import runpy
import sys
import xml.etree.ElementTree as ET


def main():
    path = sys.argv[1]
    table = runpy.run_path(sys.argv[2]) if len(sys.argv) > 2 else None
    tree = ET.parse(path)
    missing = []
    for context in tree.getroot().iter('context'):
        name = context.findtext('name')
        for message in context.iter('message'):
            source = message.findtext('source')
            translation = message.find('translation')
            if translation is None:
                translation = ET.SubElement(message, 'translation')
            if translation.get('type') not in ('unfinished', None) or (
                    translation.get('type') is None and (translation.text or len(translation))):
                continue
            if table is None:
                text = source
            else:
                text = table['T'].get((name, source))
                if text is None and source.startswith('Usage: daftar-cli [--db'):
                    text = table.get('CLI_HELP_FA')
            if text is None:
                missing.append(f'{name}: {source!r}')
                continue
            translation.attrib.pop('type', None)
            for child in list(translation):
                translation.remove(child)
            if message.get('numerus') == 'yes':
                translation.text = None
                forms = 1 if table is not None else 2  # Persian has one plural form, English two
                for _ in range(forms):
                    ET.SubElement(translation, 'numerusform').text = text
            else:
                translation.text = text
    ET.indent(tree, space='    ')
    # lupdate writes <context> at the margin; match it so the two tools never fight.
    body = ET.tostring(tree.getroot(), encoding='unicode')
    body = '\n'.join(line[4:] if line.startswith('    ') and line.lstrip().startswith('<') else line for line in body.split('\n'))
    body = re.sub(r'>([^<>]*)<', lambda m: '>' + m.group(1).replace('"', '&quot;').replace("'", '&apos;') + '<', body)
    with open(path, 'w', encoding='utf-8') as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        out.write(body)
        out.write('\n')
    for line in missing:
        print('unfinished:', line, file=sys.stderr)
    return 1 if missing else 0


if __name__ == '__main__':
    sys.exit(main())
