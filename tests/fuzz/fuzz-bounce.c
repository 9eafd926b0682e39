/* fuzz-bounce.c: a whole message through the bounce path
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke.h"
#include "fuzz.h"

static TodokeClassifier *
classifier (void)
{
  static TodokeClassifier *shared;

  if (g_once_init_enter (&shared))
    {
      g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);
      TodokeClassifier *made;

      g_assert (rules != NULL);
      made = todoke_classifier_new (rules, NULL);
      todoke_classifier_set_with_guides (made, FALSE);
      g_once_init_leave (&shared, made);
    }

  return shared;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) diagnoses = NULL;
  g_autoptr(GError) error = NULL;
  guint i;

  todoke_fuzz_set_up ();
  bytes = g_bytes_new (data, size);
  diagnoses = todoke_classifier_classify_bounce (classifier (), bytes, NULL, &error);
  g_assert ((diagnoses == NULL) == (error != NULL));
  if (diagnoses == NULL)
    {
      g_assert (error->domain == TODOKE_ERROR);
      return 0;
    }

  g_assert (diagnoses->len > 0);
  for (i = 0; i < diagnoses->len; i++)
    {
      TodokeDiagnosis *diagnosis = g_ptr_array_index (diagnoses, i);
      const char *recipient = todoke_diagnosis_get_recipient (diagnosis);
      const char *message = todoke_diagnosis_get_server_message (diagnosis);

      g_assert (todoke_diagnosis_get_reason (diagnosis) != NULL);
      g_assert (recipient == NULL || g_utf8_validate (recipient, -1, NULL));
      g_assert (message == NULL || g_utf8_validate (message, -1, NULL));
    }

  return 0;
}
