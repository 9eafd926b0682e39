/* fuzz-smtp-reply.c: a failed-send reply, log line or alert text
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke.h"
#include "todoke-smtp-reply-private.h"
#include "fuzz.h"

static TodokeClassifier *
classifier (void)
{
  static TodokeClassifier *shared;

  if (g_once_init_enter (&shared))
    {
      g_autoptr(TodokeRuleSet) rules = todoke_rule_set_new_default (NULL);

      g_assert (rules != NULL);
      g_once_init_leave (&shared, todoke_classifier_new (rules, "thunderbird"));
    }

  return shared;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *enhanced = NULL;
  g_autofree char *message = NULL;
  g_autoptr(TodokeDiagnosis) diagnosis = NULL;
  guint code = 0;

  todoke_fuzz_set_up ();
  /* The text arrives as a C string: bytes up to the first NUL. */
  text = g_strndup ((const char *) data, size);

  _todoke_smtp_reply_parse (text, &code, &enhanced, &message);
  g_assert (code == 0 || (code >= 200 && code <= 599));
  g_assert (message == NULL || g_utf8_validate (message, -1, NULL));

  diagnosis = todoke_classifier_classify_reply (classifier (), text, NULL, size % 2 ? "ja" : "en");
  g_assert (diagnosis != NULL);
  g_assert (todoke_diagnosis_get_reason (diagnosis) != NULL);
  g_assert (todoke_diagnosis_get_server_message (diagnosis) == NULL ||
            g_utf8_validate (todoke_diagnosis_get_server_message (diagnosis), -1, NULL));

  return 0;
}
