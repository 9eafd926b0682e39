/* todoke-text.c: small text helpers shared by the parsers
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-text-private.h"

#define IS_SPACE(c) ((c) == ' ' || (c) == '\t' || (c) == '\r' || (c) == '\n' || \
                     (c) == '\f' || (c) == '\v')

/* Lower-case ASCII letters and fold every run of white space into one
 * space, so rule phrases match however a server wrapped its reply. */
char *
_todoke_text_normalize (const char *text,
                        gssize      length)
{
  const guchar *p;
  const guchar *end;
  char *out;
  char *o;
  gboolean space = TRUE;

  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = strlen (text);

  out = g_malloc (length + 1);
  o = out;
  for (p = (const guchar *) text, end = p + length; p < end; p++)
    {
      if (IS_SPACE (*p) || *p == '\0')
        {
          if (!space)
            *o++ = ' ';
          space = TRUE;
          continue;
        }
      *o++ = g_ascii_tolower (*p);
      space = FALSE;
    }
  if (o > out && o[-1] == ' ')
    o--;
  *o = '\0';

  return out;
}

/* Removes the "550-5.7.1 " / "550 5.7.1 " prefixes a multi-line reply
 * repeats on every line once the lines are joined, so that phrases split
 * across lines match again. Works in place on normalized text. */
void
_todoke_text_strip_reply_prefixes (char  *text,
                                   guint  code)
{
  char prefix[8];
  char *read;
  char *write;
  gboolean seen = FALSE;

  if (text == NULL || code < 200 || code > 599)
    return;
  g_snprintf (prefix, sizeof prefix, "%u", code);

  for (read = write = text; *read; )
    {
      gboolean at_word = read == text || read[-1] == ' ';

      if (at_word && strncmp (read, prefix, 3) == 0 && (read[3] == '-' || read[3] == ' '))
        {
          char *after = read + 4;
          gsize n = strspn (after, "0123456789.");

          gboolean has_status = n >= 5 && (after[n] == ' ' || after[n] == '\0') &&
                                _todoke_text_find_status (after, n, (char[16]) { 0 }, NULL);

          /* drop "550-…" and "550 5.7.1 " repeats, but not a quoted "550 " reply */
          if (seen && (read[3] == '-' || has_status))
            {
              read = has_status ? after + n + (after[n] == ' ') : after;
              continue;
            }
          seen = TRUE;
        }
      *write++ = *read++;
    }
  *write = '\0';
}

/* Collapse white space but keep the case: the server's own words, one line. */
char *
_todoke_text_squeeze (const char *text)
{
  const char *p;
  GString *out;
  gboolean space = TRUE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (p = text; *p; p++)
    {
      if (IS_SPACE (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, *p);
      space = FALSE;
    }

  return g_string_free (out, FALSE);
}

static gsize
count_digits (const char *p,
              const char *end)
{
  gsize n = 0;

  while (p + n < end && g_ascii_isdigit (p[n]))
    n++;

  return n;
}

/* Checks one candidate "c.s.d" at @p; returns its length or 0. */
static gsize
status_at (const char *p,
           const char *end,
           const char *start)
{
  const char *q = p;
  gsize n;

  if (*q != '4' && *q != '5' && *q != '2')
    return 0;
  if (p > start && (g_ascii_isalnum (p[-1]) || p[-1] == '.' || p[-1] == '-' ||
                    p[-1] == '_'))
    return 0;
  q++;
  if (q >= end || *q != '.')
    return 0;
  q++;
  n = count_digits (q, end);
  if (n < 1 || n > 3)
    return 0;
  q += n;
  if (q >= end || *q != '.')
    return 0;
  q++;
  n = count_digits (q, end);
  if (n < 1 || n > 3)
    return 0;
  q += n;
  if (q < end && (g_ascii_isalnum (*q) || *q == '_' || *q == '-' ||
                  (*q == '.' && q + 1 < end && g_ascii_isdigit (q[1]))))
    return 0;

  return q - p;
}

/* Finds the first enhanced status code (RFC 3463, class 4 or 5) in the text. */
gboolean
_todoke_text_find_status (const char  *text,
                          gssize       length,
                          char         status[16],
                          const char **where)
{
  const char *p;
  const char *end;

  if (text == NULL)
    return FALSE;
  if (length < 0)
    length = strlen (text);

  for (p = text, end = text + length; p + 5 <= end; p++)
    {
      gsize n;

      if (*p != '4' && *p != '5')
        continue;
      n = status_at (p, end, text);
      if (n == 0 || n > 15)
        continue;
      memcpy (status, p, n);
      status[n] = '\0';
      if (where != NULL)
        *where = p;
      return TRUE;
    }

  return FALSE;
}

/* The last enhanced status code in the text: where a report quotes a reply
 * inside its own ("554 4.4.7 expired <421 4.4.2 timed out>"), the innermost
 * reply, which comes last, is the one that explains the failure. */
gboolean
_todoke_text_find_last_status (const char *text,
                               gssize      length,
                               char        status[16])
{
  const char *p;
  const char *end;
  gboolean found = FALSE;
  char candidate[16];

  if (text == NULL)
    return FALSE;
  if (length < 0)
    length = strlen (text);
  end = text + length;

  for (p = text; p < end && _todoke_text_find_status (p, end - p, candidate, &p); p += strlen (candidate))
    {
      memcpy (status, candidate, sizeof candidate);
      found = TRUE;
    }

  return found;
}

guint
_todoke_text_find_last_reply_code (const char *text,
                                   gssize      length)
{
  const char *p;
  const char *end;
  guint code;
  guint last = 0;

  if (text == NULL)
    return 0;
  if (length < 0)
    length = strlen (text);
  end = text + length;

  for (p = text; p < end && (code = _todoke_text_find_reply_code (p, end - p, &p)) != 0; p += 3)
    last = code;

  return last;
}

/* A status code (class 2, 4 or 5) right at the start of @text, as in the
 * "250 2.1.5 Ok" of a reply line; returns its length or 0. */
gsize
_todoke_text_leading_status (const char *text,
                             char        status[16])
{
  gsize n;

  if (text == NULL)
    return 0;
  n = status_at (text, text + strlen (text), text);
  if (n == 0 || n > 15)
    return 0;
  memcpy (status, text, n);
  status[n] = '\0';

  return n;
}

gboolean
_todoke_text_is_status_code (const char *text)
{
  gsize len;

  if (text == NULL)
    return FALSE;
  len = strlen (text);

  return len > 0 && status_at (text, text + len, text) == len;
}

static gboolean
is_success_reply (const char *p)
{
  static const char * const replies[] = { "211", "214", "220", "221", "235", "250", "251", "252" };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (replies); i++)
    if (memcmp (p, replies[i], 3) == 0)
      return TRUE;

  return FALSE;
}

/* Finds the first SMTP reply code (2xx, 4xx or 5xx) standing on its own. */
guint
_todoke_text_find_reply_code (const char  *text,
                              gssize       length,
                              const char **where)
{
  const char *p;
  const char *end;

  if (text == NULL)
    return 0;
  if (length < 0)
    length = strlen (text);

  for (p = text, end = text + length; p + 3 <= end; p++)
    {
      char after;

      if ((*p != '4' && *p != '5' && *p != '2') || p[1] < '0' || p[1] > '5' ||
          !g_ascii_isdigit (p[2]))
        continue;
      /* Success replies are few (RFC 5321 4.2.3, RFC 4954): any other 2xx
       * number, such as a program's exit status 255, is not a reply. */
      if (*p == '2' && !is_success_reply (p))
        continue;
      /* "[506]" and the like are providers' reference numbers, not replies. */
      if (p > text && !strchr (" \t\r\n(:<'\"=", p[-1]))
        continue;
      after = p + 3 < end ? p[3] : ' ';
      if (!strchr (" \t\r\n-);,:", after))
        continue;
      /* ":220:" is a group of an IPv6 address, not a reply. */
      if (p > text && p[-1] == ':' && after == ':')
        continue;
      if (where != NULL)
        *where = p;
      return (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
    }

  return 0;
}

static gboolean
is_local_char (guchar c)
{
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+/=?^_`{|}~.-", c) != NULL || c >= 0x80;
}

static gboolean
is_domain_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_' || c >= 0x80;
}

/* Finds the first thing shaped like an email address; @end receives the
 * position just after it. */
char *
_todoke_text_find_address (const char  *text,
                           gssize       length,
                           const char **end)
{
  const char *at;
  const char *limit;

  if (text == NULL)
    return NULL;
  if (length < 0)
    length = strlen (text);
  limit = text + length;

  for (at = memchr (text, '@', length); at != NULL;
       at = memchr (at + 1, '@', limit - at - 1))
    {
      const char *l = at;
      const char *r = at + 1;

      while (l > text && is_local_char (l[-1]))
        l--;
      while (l < at && (*l == '.' || *l == '\'' || (guchar) *l >= 0x80))
        l++;
      while (r < limit && is_domain_char (*r))
        r++;
      while (r > at + 1 && (r[-1] == '.' || r[-1] == '-' || (guchar) r[-1] >= 0x80))
        r--;
      /* A quoted local part ("taro..hanako"@example.jp, RFC 5321 4.1.2). */
      if (l == at && at > text + 1 && at[-1] == '"')
        {
          const char *open = at - 1;

          while (open > text && open[-1] != '"' && open[-1] != '\n' && at - open < 66)
            open--;
          if (open > text && open[-1] == '"' && open < at - 1)
            l = open - 1;
        }
      if (l == at || r == at + 1)
        continue;
      if (end != NULL)
        *end = r;
      return g_ascii_strdown (l, r - l);
    }

  return NULL;
}

/* "rfc822; <Taro@Example.JP>" -> "taro@example.jp"; NULL if no address. */
char *
_todoke_text_clean_address (const char *text)
{
  if (text == NULL)
    return NULL;

  return _todoke_text_find_address (text, -1, NULL);
}

/* The address @text holds if it holds exactly one, else NULL. */
char *
_todoke_text_single_address (const char *text)
{
  const char *end = NULL;
  char *address = _todoke_text_find_address (text, -1, &end);
  char *second;

  if (address == NULL)
    return NULL;
  second = _todoke_text_find_address (end, -1, NULL);
  if (second != NULL)
    {
      g_free (second);
      g_clear_pointer (&address, g_free);
    }

  return address;
}

const char *
_todoke_text_address_domain (const char *address)
{
  const char *at;

  if (address == NULL)
    return NULL;
  at = strrchr (address, '@');

  return at != NULL ? at + 1 : NULL;
}

/* TRUE if @host is @suffix or a name under it ("mx1.docomo.ne.jp" and "docomo.ne.jp"). */
gboolean
_todoke_text_host_matches (const char *host,
                           const char *suffix)
{
  gsize hl;
  gsize sl;

  if (host == NULL || suffix == NULL)
    return FALSE;
  hl = strlen (host);
  sl = strlen (suffix);
  /* "gmr-smtp-in.l.google.com." is fully qualified, not another name */
  if (hl > 0 && host[hl - 1] == '.')
    hl--;
  if (hl < sl || sl == 0)
    return FALSE;
  if (g_ascii_strncasecmp (host + hl - sl, suffix, sl) != 0)
    return FALSE;

  return hl == sl || host[hl - sl - 1] == '.' || suffix[0] == '.';
}

const char *
_todoke_text_strcasestr (const char *haystack,
                         const char *needle)
{
  char first[3];
  gsize rest;
  const char *p;

  if (haystack == NULL || needle == NULL)
    return NULL;
  if (needle[0] == '\0')
    return haystack;

  /* strpbrk() finds the candidates with vector instructions; only those
   * are compared in full. */
  first[0] = g_ascii_tolower (needle[0]);
  first[1] = g_ascii_toupper (needle[0]);
  first[2] = '\0';
  if (first[0] == first[1])
    first[1] = '\0';
  rest = strlen (needle + 1);

  for (p = strpbrk (haystack, first); p != NULL; p = strpbrk (p + 1, first))
    if (g_ascii_strncasecmp (p + 1, needle + 1, rest) == 0)
      return p;

  return NULL;
}

/* Replaces invalid UTF-8 and NUL bytes, so nothing downstream trusts bytes. */
char *
_todoke_text_make_valid (const char *text,
                         gssize      length)
{
  if (text == NULL)
    return NULL;
  if (length < 0)
    length = strlen (text);

  /* g_utf8_make_valid() also replaces embedded NUL bytes. */
  return g_utf8_make_valid (text, length);
}

static const char *
iconv_name (const char *charset)
{
  if (charset == NULL)
    return NULL;
  if (g_ascii_strcasecmp (charset, "shift_jis") == 0 ||
      g_ascii_strcasecmp (charset, "shift-jis") == 0 ||
      g_ascii_strcasecmp (charset, "sjis") == 0 ||
      g_ascii_strcasecmp (charset, "x-sjis") == 0 ||
      g_ascii_strcasecmp (charset, "windows-31j") == 0 ||
      g_ascii_strcasecmp (charset, "ms_kanji") == 0)
    return "CP932";
  if (g_ascii_strcasecmp (charset, "euc-jp") == 0 ||
      g_ascii_strcasecmp (charset, "x-euc-jp") == 0)
    return "EUC-JP-MS";
  if (g_ascii_strcasecmp (charset, "us-ascii") == 0 ||
      g_ascii_strcasecmp (charset, "ascii") == 0 ||
      g_ascii_strcasecmp (charset, "iso-8859-1") == 0 ||
      g_ascii_strcasecmp (charset, "latin1") == 0)
    return "WINDOWS-1252";

  return charset;
}

/* Converters to UTF-8, kept open per thread: opening one loads a gconv
 * module and closing it unloads it again, which cost more than the
 * conversion itself. Only charsets that opened are kept, a bounded number. */
#define MAX_CACHED_CONVERTERS 32

typedef struct
{
  char   *charset;
  GIConv  converter;
} Converter;

static void
converters_free (gpointer data)
{
  GPtrArray *converters = data;
  guint i;

  for (i = 0; i < converters->len; i++)
    {
      Converter *c = g_ptr_array_index (converters, i);

      g_iconv_close (c->converter);
      g_free (c->charset);
      g_free (c);
    }
  g_ptr_array_unref (converters);
}

static GPrivate converters_key = G_PRIVATE_INIT (converters_free);

static GIConv
get_converter (const char *charset,
               gboolean   *cached)
{
  GPtrArray *converters = g_private_get (&converters_key);
  GIConv converter;
  Converter *c;
  guint i;

  if (converters == NULL)
    {
      converters = g_ptr_array_new ();
      g_private_set (&converters_key, converters);
    }
  for (i = 0; i < converters->len; i++)
    {
      c = g_ptr_array_index (converters, i);
      if (g_ascii_strcasecmp (c->charset, charset) == 0)
        {
          *cached = TRUE;
          return c->converter;
        }
    }

  converter = g_iconv_open ("UTF-8", charset);
  *cached = converter != (GIConv) -1 && converters->len < MAX_CACHED_CONVERTERS;
  if (*cached)
    {
      c = g_new (Converter, 1);
      c->charset = g_strdup (charset);
      c->converter = converter;
      g_ptr_array_add (converters, c);
    }

  return converter;
}

static char *
try_convert (const char *data,
             gsize       length,
             const char *charset)
{
  g_autoptr(GError) error = NULL;
  gboolean cached = FALSE;
  GIConv converter = get_converter (charset, &cached);
  gsize written = 0;
  char *out;

  if (converter == (GIConv) -1)
    return NULL;
  /* back to the initial shift state: ISO-2022-JP keeps one */
  g_iconv (converter, NULL, NULL, NULL, NULL);
  out = g_convert_with_iconv (data, length, converter, NULL, &written, &error);
  if (!cached)
    g_iconv_close (converter);
  if (out == NULL)
    return NULL;
  if (memchr (out, '\0', written) != NULL)
    {
      char *valid = _todoke_text_make_valid (out, written);
      g_free (out);
      return valid;
    }

  return out;
}

/* EUC-JP writes Japanese with bytes 0xA1-0xFE only (0x8E and 0x8F announce
 * the rarer sets), while Shift_JIS puts kana and most kanji on lead bytes
 * 0x81-0x9F: 8-bit text with none of those is EUC-JP. */
static gboolean
looks_like_euc_jp (const char *data,
                   gsize       length)
{
  gboolean eight_bit = FALSE;
  gsize i;

  for (i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c < 0x80)
        continue;
      if (c < 0xA1 && c != 0x8E && c != 0x8F)
        return FALSE;
      eight_bit = TRUE;
    }

  return eight_bit;
}

/* Decodes bytes in a declared or guessed charset to valid UTF-8. Japanese
 * mail often declares nothing or declares it wrongly, so the escape
 * sequences of ISO-2022-JP and a UTF-8 check decide before the label does. */
static char *
to_utf8 (const char *data,
         gsize       length,
         const char *charset,
         char       *owned)
{
  static const char *guesses[] = { "CP932", "EUC-JP-MS", "WINDOWS-1252" };
  const char *name = iconv_name (charset);
  gboolean has_escape = memchr (data, 0x1b, length) != NULL;
  const char *end = NULL;
  gboolean valid;
  char *out;
  gsize i;

  /* Most reports are ASCII or UTF-8 already: one pass decides, one copy. */
  valid = g_utf8_validate_len (data, length, &end);
  if (valid && !has_escape)
    {
      gboolean ascii = name == NULL || g_ascii_strcasecmp (name, "UTF-8") == 0 ||
                       g_ascii_strcasecmp (name, "WINDOWS-1252") == 0;

      /* A label other than UTF-8 matters only if there are 8-bit bytes. */
      for (i = 0; i < length && !ascii; i++)
        if (((guchar) data[i]) >= 0x80)
          break;
      if (ascii || i == length)
        return owned != NULL ? owned : g_strndup (data, length);
    }

  if (has_escape)
    {
      gboolean has_8bit = FALSE;

      for (i = 0; i < length && !has_8bit; i++)
        has_8bit = ((guchar) data[i]) >= 0x80;
      if (!has_8bit &&
          ((out = try_convert (data, length, "ISO-2022-JP-2")) != NULL ||
           (out = try_convert (data, length, "ISO-2022-JP-3")) != NULL))
        return out;
    }

  if (name != NULL && (out = try_convert (data, length, name)) != NULL)
    return out;

  if (valid)
    return owned != NULL ? owned : g_strndup (data, length);

  /* Unlabelled EUC-JP also converts as CP932 (into half-width kana): ask first. */
  if (looks_like_euc_jp (data, length) && (out = try_convert (data, length, "EUC-JP-MS")) != NULL)
    return out;

  for (i = 0; i < G_N_ELEMENTS (guesses); i++)
    if ((out = try_convert (data, length, guesses[i])) != NULL)
      return out;

  return _todoke_text_make_valid (data, length);
}

char *
_todoke_text_to_utf8 (const char *data,
                      gsize       length,
                      const char *charset)
{
  return to_utf8 (data, length, charset, NULL);
}

/* The same, taking @data (a NUL-terminated buffer of @length bytes):
 * text that needs no conversion is returned as is, not copied. */
char *
_todoke_text_to_utf8_take (char       *data,
                           gsize       length,
                           const char *charset)
{
  char *out = to_utf8 (data, length, charset, data);

  if (out != data)
    g_free (data);

  return out;
}
