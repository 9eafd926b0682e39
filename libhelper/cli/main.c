/* main.c: the todoke command line
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke-cli.h"

int
main (int    argc,
      char **argv)
{
  return todoke_cli_main (argc, argv);
}
