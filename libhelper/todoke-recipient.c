/* todoke-recipient.c: the address the user wrote, unwrapped
 *
 * Microsoft Exchange names a one-off or external recipient it could not
 * deliver to by an address of its own that encapsulates the real one:
 * "IMCEASMTP-taro+40example+2Ejp@org.example" for taro@example.jp, the
 * characters outside an atom written as "+" and two hex digits (RFC 1891
 * xtext, as Exchange's IMCEA encapsulation uses it). Reports show that
 * wrapper where the recipient belongs; the user wrote the address inside.
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-recipient-private.h"
#include "todoke-text-private.h"

#define IMCEA_SMTP "imceasmtp-"

/* xtext: "+40" is "@"; NULL when a "+" is not followed by two hex digits
 * or stands for a byte that has no place in an address. */
static char *
decode_xtext (const char *text,
              gsize       length)
{
  g_autoptr(GString) out = g_string_sized_new (length);
  int byte;
  gsize i;

  for (i = 0; i < length; i++)
    {
      if (text[i] != '+')
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      if (i + 2 >= length || !g_ascii_isxdigit (text[i + 1]) || !g_ascii_isxdigit (text[i + 2]))
        return NULL;
      byte = g_ascii_xdigit_value (text[i + 1]) * 16 + g_ascii_xdigit_value (text[i + 2]);
      if (byte < 0x21 || byte > 0x7e)
        return NULL;
      g_string_append_c (out, (char) byte);
      i += 2;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The address an Exchange IMCEASMTP wrapper holds, lower-case; NULL when
 * @address (nullable) is no such wrapper or does not hold exactly one
 * whole address. */
char *
_todoke_recipient_unwrap (const char *address)
{
  g_autofree char *inner = NULL;
  g_autofree char *found = NULL;
  const char *at;
  gsize n = strlen (IMCEA_SMTP);

  if (address == NULL || g_ascii_strncasecmp (address, IMCEA_SMTP, n) != 0)
    return NULL;
  at = strrchr (address, '@');
  if (at == NULL || at <= address + n)
    return NULL;
  inner = decode_xtext (address + n, at - address - n);
  if (inner == NULL || strchr (inner, '@') == NULL || strchr (inner, '@') != strrchr (inner, '@'))
    return NULL;
  found = _todoke_text_single_address (inner);
  if (found == NULL || g_ascii_strcasecmp (found, inner) != 0)
    return NULL;

  return g_steal_pointer (&found);
}
