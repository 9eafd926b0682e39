/* fuzz-rules.c: the fuzz input as the rules file, with the shipped reasons
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "todoke.h"
#include "todoke-helper-resources.h"
#include "fuzz.h"

static GBytes *
shipped_reasons (void)
{
  static GBytes *reasons;

  if (g_once_init_enter (&reasons))
    {
      GBytes *found = g_resource_lookup_data (todoke_helper_get_resource (),
                                              "/io/github/todoke/helper/todoke-reasons.xml",
                                              G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      g_assert (found != NULL);
      g_once_init_leave (&reasons, found);
    }

  return reasons;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) rules_xml = NULL;
  g_autoptr(TodokeRuleSet) rules = NULL;
  g_autoptr(GError) error = NULL;

  todoke_fuzz_set_up ();
  rules_xml = g_bytes_new (data, size);
  rules = todoke_rule_set_new_from_bytes (shipped_reasons (), rules_xml, NULL, &error);
  g_assert ((rules == NULL) == (error != NULL));
  if (rules == NULL)
    {
      g_assert (g_error_matches (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_DATA));
      return 0;
    }

  /* A rule set that loads must also classify. */
  {
    g_autoptr(TodokeClassifier) classifier = todoke_classifier_new (rules, NULL);
    g_autoptr(TodokeDiagnosis) diagnosis = NULL;

    todoke_classifier_set_with_guides (classifier, FALSE);
    diagnosis = todoke_classifier_classify_reply (classifier, "550 5.1.1 <a@docomo.ne.jp> user unknown",
                                                  "a@docomo.ne.jp", NULL);
    g_assert (todoke_diagnosis_get_reason (diagnosis) != NULL);
  }

  return 0;
}
