/* fuzz-bounce.c: a whole message through the bounce path, configured as
 * the todoke command ships (returned originals left unparsed), with and
 * without guides, and each diagnosis through the one JSON writer
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke.h"
#include "fuzz.h"

static TodokeClassifier *
classifier (gboolean with_guides)
{
  static TodokeClassifier *shared[2];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);

      g_assert (rules != NULL);
      /* As `todoke classify` sets them up: returned originals unparsed. */
      shared[0] = todoke_classifier_new (rules, NULL);
      todoke_classifier_set_with_guides (shared[0], FALSE);
      todoke_classifier_set_read_originals (shared[0], FALSE);
      shared[1] = todoke_classifier_new (rules, NULL);
      todoke_classifier_set_with_guides (shared[1], TRUE);
      todoke_classifier_set_read_originals (shared[1], FALSE);
      g_once_init_leave (&made, 1);
    }

  return shared[with_guides ? 1 : 0];
}

static void
check_diagnosis (TodokeDiagnosis *diagnosis,
                 gboolean         with_guides)
{
  const char *recipient = todoke_diagnosis_get_recipient (diagnosis);
  const char *message = todoke_diagnosis_get_server_message (diagnosis);
  g_autofree char *json = NULL;

  g_assert (todoke_diagnosis_get_reason (diagnosis) != NULL);
  g_assert (recipient == NULL || g_utf8_validate (recipient, -1, NULL));
  g_assert (message == NULL || g_utf8_validate (message, -1, NULL));

  json = todoke_diagnosis_to_json (diagnosis, "fuzz.eml",
                                   with_guides ? TODOKE_JSON_GUIDE : TODOKE_JSON_NONE,
                                   4096);
  g_assert (json != NULL);
  g_assert (g_utf8_validate (json, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  /* The size picks the configuration, so every input has one: bulk JSON
   * without guides, or a guide in Japanese or in English. */
  gboolean with_guides = size % 3 != 0;
  const char *locale = size % 3 == 1 ? "ja" : "en";
  guint i;

  todoke_fuzz_set_up ();
  bytes = g_bytes_new (data, size);
  diagnoses = todoke_classifier_classify_bounce (classifier (with_guides), bytes,
                                                 with_guides ? locale : NULL, &error);
  g_assert ((diagnoses == NULL) == (error != NULL));
  if (diagnoses == NULL)
    {
      g_assert (error->domain == TODOKE_ERROR);
      return 0;
    }

  g_assert (diagnoses->len > 0);
  for (i = 0; i < diagnoses->len; i++)
    check_diagnosis (g_ptr_array_index (diagnoses, i), with_guides);

  return 0;
}
