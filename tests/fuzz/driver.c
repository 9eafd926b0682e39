/* driver.c: runs a fuzz target once on each file given, or on each file
 * under each folder given, for builds without libFuzzer (gcc)
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz.h"

static guint
run_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
      const char *name;
      guint n = 0;

      if (dir == NULL)
        g_error ("%s", error->message);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          n += run_path (child);
        }
      return n;
    }

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  g_print ("# %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);

  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;
  int i;

  if (argc < 2)
    {
      g_printerr ("Usage: %s [-LIBFUZZER-FLAG=VALUE …] FILE|DIR …\n", argv[0]);
      return 2;
    }
  /* Arguments that start with "-" are libFuzzer's flags: not ours. */
  for (i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      n += run_path (argv[i]);
  if (n == 0)
    {
      g_printerr ("%s: no input files\n", argv[0]);
      return 1;
    }
  g_print ("# %u inputs, no crash\n", n);

  return 0;
}
