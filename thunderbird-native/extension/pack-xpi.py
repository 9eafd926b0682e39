#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The Todoke authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# pack-xpi.py OUTPUT SOURCE-DIR FILE...: zips FILEs (paths under
# SOURCE-DIR) into the .xpi OUTPUT, with fixed dates so builds repeat.

import os
import sys
import zipfile


def main():
    output, source_dir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with zipfile.ZipFile(output + '.tmp', 'w', zipfile.ZIP_DEFLATED) as xpi:
        for path in sorted(files):
            name = os.path.relpath(path, source_dir)
            if name.startswith('..'):
                sys.exit(f'pack-xpi: {path} is not under {source_dir}')
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            with open(path, 'rb') as f:
                xpi.writestr(info, f.read())
    os.replace(output + '.tmp', output)


if __name__ == '__main__':
    main()
