/* todoke-test-utils.c: helpers the test programs share
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-test-utils.h"

/* A file from the source tree's tests/ (G_TEST_SRCDIR); fails the test if
 * it cannot be read. */
GBytes *
todoke_test_load_dist (const char *first_path,
                       ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length = 0;
  va_list args;

  va_start (args, first_path);
  relative = g_build_filename_valist (first_path, &args);
  va_end (args);
  path = g_build_filename (g_test_get_dir (G_TEST_DIST), relative, NULL);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* The text as bytes, without its terminating NUL. */
GBytes *
todoke_test_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* The built-in rule set, loaded once per test program and kept. */
TodokeRuleSet *
todoke_test_default_rules (void)
{
  static TodokeRuleSet *rules;

  if (g_once_init_enter (&rules))
    {
      g_autoptr(GError) error = NULL;
      TodokeRuleSet *loaded = todoke_rule_set_new_default (&error);

      g_assert_no_error (error);
      g_assert_nonnull (loaded);
      g_once_init_leave (&rules, loaded);
    }

  return rules;
}

JsonNode *
todoke_test_parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);

  return node;
}

static gboolean
subset (JsonNode   *expected,
        JsonNode   *actual,
        const char *where,
        GString    *why);

static gboolean
object_subset (JsonObject *expected,
               JsonObject *actual,
               const char *where,
               GString    *why)
{
  g_autoptr(GList) members = json_object_get_members (expected);
  gboolean ok = TRUE;
  GList *l;

  for (l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = g_strdup_printf ("%s.%s", where, name);

      if (!json_object_has_member (actual, name))
        {
          g_string_append_printf (why, "%s: missing\n", path);
          ok = FALSE;
          continue;
        }
      ok &= subset (json_object_get_member (expected, name),
                    json_object_get_member (actual, name), path, why);
    }

  return ok;
}

static gboolean
array_subset (JsonArray  *expected,
              JsonArray  *actual,
              const char *where,
              GString    *why)
{
  guint n = json_array_get_length (expected);
  gboolean ok = TRUE;
  guint i;

  if (n != json_array_get_length (actual))
    {
      g_string_append_printf (why, "%s: %u elements expected, %u found\n",
                              where, n, json_array_get_length (actual));
      return FALSE;
    }
  for (i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s[%u]", where, i);

      ok &= subset (json_array_get_element (expected, i),
                    json_array_get_element (actual, i), path, why);
    }

  return ok;
}

static gboolean
subset (JsonNode   *expected,
        JsonNode   *actual,
        const char *where,
        GString    *why)
{
  if (JSON_NODE_TYPE (expected) == JSON_NODE_OBJECT && JSON_NODE_TYPE (actual) == JSON_NODE_OBJECT)
    return object_subset (json_node_get_object (expected), json_node_get_object (actual), where, why);
  if (JSON_NODE_TYPE (expected) == JSON_NODE_ARRAY && JSON_NODE_TYPE (actual) == JSON_NODE_ARRAY)
    return array_subset (json_node_get_array (expected), json_node_get_array (actual), where, why);
  if (!json_node_equal (expected, actual))
    {
      g_autofree char *want = json_to_string (expected, FALSE);
      g_autofree char *got = json_to_string (actual, FALSE);

      g_string_append_printf (why, "%s: expected %s, got %s\n", where, want, got);
      return FALSE;
    }

  return TRUE;
}

/* Whether @actual holds everything @expected states: objects may carry
 * more members than expected, arrays must have the same length. Each
 * difference is described in @why. */
gboolean
todoke_test_json_subset (JsonNode *expected,
                         JsonNode *actual,
                         GString  *why)
{
  return subset (expected, actual, "$", why);
}

/* The floor named NAME in tests/data/generalization/floors. */
double
todoke_test_generalization_floor (const char *name)
{
  g_autoptr(GBytes) bytes = todoke_test_load_dist ("data", "generalization", "floors", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", 2);

      if (fields[0] != NULL && fields[1] != NULL && strcmp (fields[0], name) == 0)
        return g_ascii_strtod (fields[1], NULL);
    }
  g_error ("no floor for “%s”", name);

  return 100.0;
}

/* Takes --table and --misses (which implies --table) out of ARGV. */
void
todoke_test_table_options (int       *argc,
                           char     **argv,
                           gboolean  *table,
                           gboolean  *misses)
{
  int i, kept = 1;

  for (i = 1; i < *argc; i++)
    {
      if (strcmp (argv[i], "--table") == 0)
        *table = TRUE;
      else if (strcmp (argv[i], "--misses") == 0)
        *misses = *table = TRUE;
      else
        argv[kept++] = argv[i];
    }
  *argc = kept;
  argv[kept] = NULL;
}
