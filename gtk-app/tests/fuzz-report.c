/* fuzz-report.c: Report's argument checks on any bytes
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the serialised a{sv} a D-Bus peer could send (GVariant's
 * wire format, read as untrusted): the checks must refuse it or accept
 * it with every value within its limits, never crash.
 */

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "todoke-failure.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(TodokeFailure) failure = { 0 };
  guint i;

  todoke_fuzz_set_up ();
  value = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARDICT, bytes, FALSE));
  if (!todoke_failure_parse (value, &failure, &error))
    {
      g_assert_error (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS);
      g_assert_null (failure.text);
      return 0;
    }
  g_assert_true ((failure.text == NULL) != (failure.message == NULL));
  if (failure.text != NULL)
    {
      g_assert_true (g_utf8_validate (failure.text, -1, NULL));
      g_assert_cmpuint (strlen (failure.text), <=, TODOKE_FAILURE_MAX_TEXT);
    }
  else
    g_assert_cmpuint (g_bytes_get_size (failure.message), <=, TODOKE_FAILURE_MAX_MESSAGE);
  for (i = 0; failure.recipients[i]; i++)
    g_assert_true (g_utf8_validate (failure.recipients[i], -1, NULL));
  g_assert_cmpuint (i, <=, TODOKE_FAILURE_MAX_RECIPIENTS);

  return 0;
}
