/* todoke-classifier.c: the public entry point, from input to diagnoses
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "todoke-bounce-private.h"
#include "todoke-classifier.h"
#include "todoke-diagnosis-private.h"
#include "todoke-error.h"
#include "todoke-guide-private.h"
#include "todoke-message-private.h"
#include "todoke-smtp-reply-private.h"
#include "todoke-text-private.h"

struct _TodokeClassifier
{
  GObject        parent_instance;

  TodokeRuleSet *rules;        /* owned */
  char          *client;       /* "thunderbird", "outlook" or NULL */
  guint64        max_size;
  gboolean       with_guides;
  gboolean       read_originals;
  const TodokeReasonInfo *undefined;
};

G_DEFINE_FINAL_TYPE (TodokeClassifier, todoke_classifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_READ_ORIGINALS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
todoke_classifier_finalize (GObject *object)
{
  TodokeClassifier *self = (TodokeClassifier *) object;

  g_clear_pointer (&self->rules, todoke_rule_set_unref);
  g_free (self->client);

  G_OBJECT_CLASS (todoke_classifier_parent_class)->finalize (object);
}

static void
todoke_classifier_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TodokeClassifier *self = TODOKE_CLASSIFIER (object);

  if (prop_id == PROP_READ_ORIGINALS)
    g_value_set_boolean (value, self->read_originals);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
todoke_classifier_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TodokeClassifier *self = TODOKE_CLASSIFIER (object);

  if (prop_id == PROP_READ_ORIGINALS)
    todoke_classifier_set_read_originals (self, g_value_get_boolean (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
todoke_classifier_class_init (TodokeClassifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = todoke_classifier_finalize;
  object_class->get_property = todoke_classifier_get_property;
  object_class->set_property = todoke_classifier_set_property;

  /**
   * TodokeClassifier:read-originals:
   *
   * Whether GMime parses the message a bounce returns. See
   * todoke_classifier_set_read_originals().
   */
  properties[PROP_READ_ORIGINALS] =
    g_param_spec_boolean ("read-originals", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
todoke_classifier_init (TodokeClassifier *self)
{
  self->max_size = TODOKE_DEFAULT_MAX_MESSAGE_SIZE;
  self->with_guides = TRUE;
  self->read_originals = TRUE;
}

/**
 * todoke_classifier_new:
 * @rules: the rule set to classify with
 * @client: (nullable): the mail client the guides are for: `thunderbird`,
 *   `outlook`, or %NULL for generic steps
 *
 * Creates a classifier. It keeps no state between calls, so one classifier
 * can serve a whole run.
 *
 * Returns: (transfer full): a new #TodokeClassifier
 */
TodokeClassifier *
todoke_classifier_new (TodokeRuleSet *rules,
                       const char    *client)
{
  TodokeClassifier *self;

  g_return_val_if_fail (rules != NULL, NULL);

  _todoke_gmime_init ();
  self = g_object_new (TODOKE_TYPE_CLASSIFIER, NULL);
  self->rules = todoke_rule_set_ref (rules);
  self->client = g_strdup (client);
  self->undefined = _todoke_rule_set_lookup_reason (rules, "undefined");
  g_assert (self->undefined != NULL);

  return self;
}

/**
 * todoke_classifier_get_rule_set:
 * @self: a #TodokeClassifier
 *
 * Returns: (transfer none): the rule set in use
 */
TodokeRuleSet *
todoke_classifier_get_rule_set (TodokeClassifier *self)
{
  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), NULL);

  return self->rules;
}

/**
 * todoke_classifier_set_max_size:
 * @self: a #TodokeClassifier
 * @max_size: the largest message or file accepted, in bytes
 *
 * Larger input is refused with %TODOKE_ERROR_INVALID_INPUT. The limit is
 * 64-bit on every platform; a file is checked against it while it is read.
 */
void
todoke_classifier_set_max_size (TodokeClassifier *self,
                                guint64           max_size)
{
  g_return_if_fail (TODOKE_IS_CLASSIFIER (self));
  g_return_if_fail (max_size > 0);

  self->max_size = max_size;
}

/**
 * todoke_classifier_get_max_size:
 * @self: a #TodokeClassifier
 *
 * Returns: the largest message or file accepted, in bytes
 */
guint64
todoke_classifier_get_max_size (TodokeClassifier *self)
{
  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), 0);

  return self->max_size;
}

/**
 * todoke_classifier_set_with_guides:
 * @self: a #TodokeClassifier
 * @with_guides: whether diagnoses carry their localized guide
 *
 * Bulk runs that only need reasons and codes can leave the guides out.
 */
void
todoke_classifier_set_with_guides (TodokeClassifier *self,
                                   gboolean          with_guides)
{
  g_return_if_fail (TODOKE_IS_CLASSIFIER (self));

  self->with_guides = with_guides;
}

/* A send_* failure is the user's own submission server's doing: its
 * provider comes from that server's name or from its marks in the reply,
 * never from the recipient's domain. */
static const char *
submission_provider (TodokeClassifier    *self,
                     const TodokeRecord  *record,
                     const char          *text,
                     gsize                length,
                     const TodokeBigrams *bigrams)
{
  const char *provider = _todoke_rule_set_find_provider (self->rules, NULL, record->remote_host, NULL);

  if (provider == NULL)
    provider = _todoke_rule_set_find_provider_by_text (self->rules, text, length, bigrams);

  return provider;
}

/* "host", "host:port", "[v6]:port" or "v6": the lower-case host name. */
static char *
server_host (const char *server)
{
  const char *end;

  while (g_ascii_isspace (*server))
    server++;
  if (*server == '[' && (end = strchr (server, ']')) != NULL)
    return g_ascii_strdown (server + 1, end - server - 1);
  end = strchr (server, ':');
  if (end != NULL && strchr (end + 1, ':') == NULL)
    return g_ascii_strdown (server, end - server);

  return g_strstrip (g_ascii_strdown (server, -1));
}

/**
 * todoke_classifier_set_read_originals:
 * @self: a #TodokeClassifier
 * @read_originals: whether GMime parses the messages bounces return
 *
 * libtodoke needs only the headers of the message a bounce returns and
 * reads those itself; turned off, bounces parse about a fifth faster and
 * the diagnoses stay the same.
 *
 * GMime has one table of MIME part types per process: turning this off
 * makes GMime keep every attached message (`message/rfc822`,
 * `message/global`, `message/news`) as an opaque part, in this process, for
 * good. Only a program that uses GMime for nothing but Todoke should turn
 * it off (the `todoke` command does). Turning it back on affects only what
 * this classifier reports, not GMime.
 */
void
todoke_classifier_set_read_originals (TodokeClassifier *self,
                                      gboolean          read_originals)
{
  g_return_if_fail (TODOKE_IS_CLASSIFIER (self));

  read_originals = !!read_originals;
  if (self->read_originals == read_originals)
    return;
  self->read_originals = read_originals;
  if (!read_originals)
    _todoke_message_keep_originals_unparsed ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ORIGINALS]);
}

/**
 * todoke_classifier_get_read_originals:
 * @self: a #TodokeClassifier
 *
 * Returns: whether GMime parses the messages bounces return
 */
gboolean
todoke_classifier_get_read_originals (TodokeClassifier *self)
{
  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), TRUE);

  return self->read_originals;
}

/* Runs the rules over one record and builds the diagnosis. */
static TodokeDiagnosis *
decide (TodokeClassifier *self,
        TodokeRecord     *record,
        TodokeContext     context,
        const char       *client_error,
        const char       *locale)
{
  g_autofree char *text = _todoke_text_normalize (record->diagnostic, -1);
  const TodokeReasonInfo *info;
  const TodokeRule *rule;
  TodokeSeverity severity;
  TodokeGuide *guide = NULL;
  TodokeBigrams bigrams;
  TodokeClauses clauses;
  TodokeFacts facts = { 0 };

  _todoke_text_strip_reply_prefixes (text, record->reply_code);

  facts.record = record;
  facts.text = text;
  facts.text_length = strlen (text);
  _todoke_bigrams_fill (&bigrams, text, facts.text_length);
  facts.bigrams = &bigrams;
  _todoke_clauses_fill (&clauses, text, facts.text_length);
  facts.clauses = &clauses;
  facts.client_error = client_error;
  facts.context = context;
  /* The refusing host, then the recipient's domain, then the reporting host. */
  facts.provider = _todoke_rule_set_find_provider (self->rules,
                                                   _todoke_text_address_domain (record->recipient),
                                                   record->remote_host, record->reporting_mta);
  if (facts.provider == NULL)
    facts.provider = _todoke_rule_set_find_provider_by_text (self->rules, text, facts.text_length, &bigrams);

  rule = _todoke_rule_set_match (self->rules, &facts);
  info = rule != NULL ? rule->reason : self->undefined;
  severity = rule != NULL && rule->has_severity
             ? rule->severity
             : _todoke_reason_info_severity (info, record->status, record->reply_code);
  if (context == TODOKE_CONTEXT_SEND && g_str_has_prefix (info->id, "send_"))
    facts.provider = submission_provider (self, record, text, facts.text_length, &bigrams);
  else if (context == TODOKE_CONTEXT_SEND && record->remote_host != NULL)
    {
      /* The submission server only passed on a refusal about the
       * recipient: the recipient's provider has the notes. */
      const char *recipient_provider =
        _todoke_rule_set_find_provider (self->rules, _todoke_text_address_domain (record->recipient), NULL, NULL);

      if (recipient_provider != NULL)
        facts.provider = recipient_provider;
    }

  if (self->with_guides)
    guide = todoke_rule_set_lookup_guide (self->rules, info->id, locale, self->client, facts.provider);

  return _todoke_diagnosis_new (info, record, rule != NULL ? rule->id : NULL, severity,
                                facts.provider,
                                _todoke_rule_set_get_provider_name (self->rules, facts.provider),
                                guide);
}

/**
 * todoke_classifier_classify_reply_from_server:
 * @self: a #TodokeClassifier
 * @reply: what the client got: an SMTP reply (one or several lines), a
 *   Thunderbird log line or its error alert text
 * @recipient: (nullable): the address the reply was about, if known
 * @server: (nullable): the submission server that answered, as `host` or
 *   `host:port` (`[address]:port` for IPv6)
 * @locale: (nullable): the language for the guide; %NULL uses the process's
 *
 * Explains a failure met while sending, knowing which server answered.
 * A failure of the user's own sending (a `send_*` reason: a refused
 * password, a sending quota, a refused sender) is explained with the notes
 * of the provider running @server, or, when @server is %NULL or unknown,
 * of the provider whose marks the reply carries — never with the notes of
 * the recipient's provider.
 *
 * A reply no rule recognises is not an error: the diagnosis has the reason
 * `undefined` and keeps the text.
 *
 * Returns: (transfer full): the diagnosis
 */
TodokeDiagnosis *
todoke_classifier_classify_reply_from_server (TodokeClassifier *self,
                                              const char       *reply,
                                              const char       *recipient,
                                              const char       *server,
                                              const char       *locale)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();

  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (reply != NULL, NULL);

  _todoke_smtp_reply_parse_into (reply, record);
  record->recipient = recipient != NULL ? _todoke_text_clean_address (recipient)
                                        : _todoke_smtp_reply_find_recipient (reply);
  if (server != NULL && *server != '\0')
    {
      g_free (record->remote_host);
      record->remote_host = server_host (server);
    }

  return decide (self, record, TODOKE_CONTEXT_SEND, NULL, locale);
}

/**
 * todoke_classifier_classify_reply:
 * @self: a #TodokeClassifier
 * @reply: what the client got: an SMTP reply (one or several lines), a
 *   Thunderbird log line or its error alert text
 * @recipient: (nullable): the address the reply was about, if known
 * @locale: (nullable): the language for the guide; %NULL uses the process's
 *
 * Explains a failure met while sending, when the server that answered is
 * not known: todoke_classifier_classify_reply_from_server() with no server.
 *
 * Returns: (transfer full): the diagnosis
 */
TodokeDiagnosis *
todoke_classifier_classify_reply (TodokeClassifier *self,
                                  const char       *reply,
                                  const char       *recipient,
                                  const char       *locale)
{
  return todoke_classifier_classify_reply_from_server (self, reply, recipient, NULL, locale);
}

/**
 * todoke_classifier_classify_client_error:
 * @self: a #TodokeClassifier
 * @error_name: the client's name for the error: a Thunderbird string id
 *   (`smtpSendFailedUnknownServer`), an errno name (`ECONNREFUSED`), an
 *   Outlook code (`0x800CCC0E`) or a #GIOErrorEnum nick (`connection-refused`)
 * @server: (nullable): the server the client tried, as `host` or `host:port`
 * @locale: (nullable): the language for the guide
 *
 * Explains a failure that happened before any SMTP reply: no network, an
 * unknown server name, a refused connection, a TLS problem.
 *
 * Returns: (transfer full): the diagnosis
 */
TodokeDiagnosis *
todoke_classifier_classify_client_error (TodokeClassifier *self,
                                         const char       *error_name,
                                         const char       *server,
                                         const char       *locale)
{
  g_autoptr(TodokeRecord) record = _todoke_record_new ();

  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (error_name != NULL, NULL);

  record->command = TODOKE_COMMAND_CONN;
  if (server != NULL)
    {
      record->remote_host = g_ascii_strdown (server, -1);
      record->diagnostic = g_strdup_printf ("%s (%s)", error_name, server);
    }
  else
    record->diagnostic = g_strdup (error_name);

  return decide (self, record, TODOKE_CONTEXT_SEND, error_name, locale);
}

/* Reports of more recipients than this are cut to it (todoke-bounce.c). */
#define MAX_RECIPIENTS 1000

static GPtrArray *
classify_one (TodokeClassifier  *self,
              GBytes            *message,
              const char        *locale,
              TodokeTruncation  *truncated,
              GError           **error)
{
  g_autoptr(TodokeMessage) parsed = NULL;
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *diagnoses;
  guint i;

  if ((parsed = _todoke_message_parse (message, error)) == NULL)
    return NULL;

  records = _todoke_bounce_extract (parsed);
  *truncated |= parsed->truncated;
  if (records->len >= MAX_RECIPIENTS)
    *truncated |= TODOKE_TRUNCATION_RECIPIENTS;
  if (records->len == 0)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE,
                   "Not a bounce: no failed recipient reported");
      return NULL;
    }

  diagnoses = g_ptr_array_new_full (records->len, g_object_unref);
  for (i = 0; i < records->len; i++)
    g_ptr_array_add (diagnoses, decide (self, g_ptr_array_index (records, i),
                                        TODOKE_CONTEXT_BOUNCE, NULL, locale));

  return diagnoses;
}

/* An mbox file: a "From " line first and another one later, which inside
 * a message would have been written ">From ". */
static gboolean
is_mailbox (GBytes *message)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);

  return size > 5 && memcmp (data, "From ", 5) == 0 && memmem (data, size, "\nFrom ", 6) != NULL;
}

/* Where each message of an mbox starts: at every line that begins with
 * "From " (the mboxo and mboxrd formats quote such lines inside a
 * message as ">From "). One pass, no parsing; at most
 * TODOKE_MAX_MAILBOX_MESSAGES starts. */
static GArray *
mailbox_starts (const char       *data,
                gsize             size,
                gsize            *end_of_last,
                TodokeTruncation *truncated)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = data;
  const char *end = data + size;

  while (p != NULL)
    {
      gsize start = p - data;

      if (starts->len == TODOKE_MAX_MAILBOX_MESSAGES)
        {
          /* The last message read ends where the first one left out starts. */
          *end_of_last = start;
          *truncated |= TODOKE_TRUNCATION_MESSAGES;
          break;
        }
      g_array_append_val (starts, start);
      p = memmem (p + 1, end - p - 1, "\nFrom ", 6);
      if (p != NULL)
        p++;
    }

  return starts;
}

/* Every message of an mbox; the diagnoses of all bounces among them, in order. */
static GPtrArray *
classify_mailbox (TodokeClassifier  *self,
                  GBytes            *mailbox,
                  const char        *locale,
                  TodokeTruncation  *truncated,
                  GError           **error)
{
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GError) first_error = NULL;
  GPtrArray *diagnoses = g_ptr_array_new_with_free_func (g_object_unref);
  gsize size = 0;
  const char *data = g_bytes_get_data (mailbox, &size);
  guint i;

  starts = mailbox_starts (data, size, &size, truncated);
  for (i = 0; i < starts->len; i++)
    {
      gsize start = g_array_index (starts, gsize, i);
      gsize end = i + 1 < starts->len ? g_array_index (starts, gsize, i + 1) : size;
      g_autoptr(GBytes) one = g_bytes_new_from_bytes (mailbox, start, end - start);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GPtrArray) found = classify_one (self, one, locale, truncated, &local_error);
      guint j;

      if (found == NULL)
        {
          if (first_error == NULL && !g_error_matches (local_error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE))
            first_error = g_steal_pointer (&local_error);
          continue;
        }
      for (j = 0; j < found->len; j++)
        g_ptr_array_add (diagnoses, g_object_ref (g_ptr_array_index (found, j)));
    }

  if (diagnoses->len > 0)
    return diagnoses;
  g_ptr_array_unref (diagnoses);
  if (first_error != NULL)
    g_propagate_error (error, g_steal_pointer (&first_error));
  else
    g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_NOT_A_BOUNCE,
                 "Not a bounce: no message of the mailbox reports a failed recipient");

  return NULL;
}

/**
 * todoke_classifier_classify_bounce:
 * @self: a #TodokeClassifier
 * @message: the whole message as received (RFC 5322, any charset)
 * @locale: (nullable): the language for the guides
 * @error: return location for a #GError
 *
 * Reads a bounce (a DSN, a provider's non-standard report, a feedback
 * report or an auto-reply) and explains each failed recipient. An mbox
 * holding several messages gives the diagnoses of all its bounces.
 *
 * Work is bounded whatever the input: see
 * todoke_classifier_classify_bounce_full() to learn whether a limit cut
 * the reading short.
 *
 * Returns: (transfer container) (element-type TodokeDiagnosis): one diagnosis per
 *   reported recipient, or %NULL with %TODOKE_ERROR_NOT_A_BOUNCE or
 *   %TODOKE_ERROR_INVALID_INPUT set
 */
GPtrArray *
todoke_classifier_classify_bounce (TodokeClassifier  *self,
                                   GBytes            *message,
                                   const char        *locale,
                                   GError           **error)
{
  return todoke_classifier_classify_bounce_full (self, message, locale, NULL, error);
}

/**
 * todoke_classifier_classify_bounce_full:
 * @self: a #TodokeClassifier
 * @message: the whole message as received (RFC 5322, any charset)
 * @locale: (nullable): the language for the guides
 * @truncated: (out) (optional): which limits cut the reading short, or
 *   %TODOKE_TRUNCATION_NONE
 * @error: return location for a #GError
 *
 * Like todoke_classifier_classify_bounce(), and also says which limits on
 * the work the message reached: more than %TODOKE_MAX_MAILBOX_MESSAGES
 * messages in an mbox, 1,000 recipients in a report, too many MIME parts,
 * header lines or nesting levels, a report text too long. The diagnoses
 * then cover only what was read before the limit; a caller should tell
 * the user so. @truncated is set on failure too (a message cut at a limit
 * may hold no readable report).
 *
 * Returns: (transfer container) (element-type TodokeDiagnosis): one diagnosis per
 *   reported recipient, or %NULL with %TODOKE_ERROR_NOT_A_BOUNCE or
 *   %TODOKE_ERROR_INVALID_INPUT set
 */
GPtrArray *
todoke_classifier_classify_bounce_full (TodokeClassifier  *self,
                                        GBytes            *message,
                                        const char        *locale,
                                        TodokeTruncation  *truncated,
                                        GError           **error)
{
  TodokeTruncation local_truncated = TODOKE_TRUNCATION_NONE;

  if (truncated != NULL)
    *truncated = TODOKE_TRUNCATION_NONE;
  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (truncated == NULL)
    truncated = &local_truncated;
  if ((guint64) g_bytes_get_size (message) > self->max_size)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   "Message too large (%" G_GUINT64_FORMAT " bytes; the limit is %" G_GUINT64_FORMAT ")",
                   (guint64) g_bytes_get_size (message), self->max_size);
      return NULL;
    }
  if (g_bytes_get_size (message) == 0)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT, "Empty input");
      return NULL;
    }

  if (is_mailbox (message))
    return classify_mailbox (self, message, locale, truncated, error);

  return classify_one (self, message, locale, truncated, error);
}

static void
set_too_large (GError  **error,
               guint64   max_size)
{
  g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
               "File too large (the limit is %" G_GUINT64_FORMAT " bytes)", max_size);
}

/* Reads @stream to its end, refusing more than @max_size bytes as soon as
 * they arrive, whatever the file claimed its size was. */
static GBytes *
read_bounded (GInputStream  *stream,
              guint64        max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *data = NULL;
  gsize allocated = 65536;
  gsize length = 0;

  data = g_malloc (allocated);
  for (;;)
    {
      gssize n;

      if (length == allocated)
        {
          if ((guint64) length > max_size)
            break;
          allocated = (gsize) MIN ((guint64) allocated * 2, max_size + 1);
          data = g_realloc (data, allocated);
        }
      n = g_input_stream_read (stream, data + length, allocated - length, cancellable, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      length += n;
    }
  if ((guint64) length > max_size)
    {
      set_too_large (error, max_size);
      return NULL;
    }

  return g_bytes_new_take (g_realloc (g_steal_pointer (&data), MAX (length, 1)), length);
}

/* Opens @file for reading if it is a regular file: a FIFO, a device or a
 * socket would block or never end, so they are refused before any read. */
static GInputStream *
open_regular (GFile         *file,
              guint64        max_size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GFileType type;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "Is a directory");
      return NULL;
    }
  if (type != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   "Not a regular file (a FIFO, device or socket is not read)");
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > max_size)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   "File too large (%" G_GOFFSET_FORMAT " bytes; the limit is %" G_GUINT64_FORMAT ")",
                   g_file_info_get_size (info), max_size);
      return NULL;
    }
  if ((stream = g_file_read (file, cancellable, error)) == NULL)
    return NULL;
  /* The file may have been replaced since it was looked at. */
  g_clear_object (&info);
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_TYPE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_TYPE) &&
      g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, TODOKE_ERROR, TODOKE_ERROR_INVALID_INPUT,
                   "Not a regular file (a FIFO, device or socket is not read)");
      return NULL;
    }

  return G_INPUT_STREAM (g_steal_pointer (&stream));
}

static GBytes *
load_file (GFile         *file,
           guint64        max_size,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;

  if ((stream = open_regular (file, max_size, cancellable, error)) == NULL)
    return NULL;

  return read_bounded (stream, max_size, cancellable, error);
}

/**
 * todoke_classifier_classify_file:
 * @self: a #TodokeClassifier
 * @file: a file holding one message or an mbox
 * @locale: (nullable): the language for the guides
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and classifies one message file. Only regular files are read (a
 * FIFO, a device or a socket is refused with %TODOKE_ERROR_INVALID_INPUT
 * before anything is read), and the size limit is enforced while reading
 * as well as before. Blocks; see todoke_classifier_classify_file_async().
 *
 * Returns: (transfer container) (element-type TodokeDiagnosis): the diagnoses, or %NULL
 */
GPtrArray *
todoke_classifier_classify_file (TodokeClassifier  *self,
                                 GFile             *file,
                                 const char        *locale,
                                 GCancellable      *cancellable,
                                 GError           **error)
{
  return todoke_classifier_classify_file_full (self, file, locale, cancellable, NULL, error);
}

/**
 * todoke_classifier_classify_file_full:
 * @self: a #TodokeClassifier
 * @file: a file holding one message or an mbox
 * @locale: (nullable): the language for the guides
 * @cancellable: (nullable): a #GCancellable
 * @truncated: (out) (optional): which limits cut the reading short
 * @error: return location for a #GError
 *
 * todoke_classifier_classify_file() that also reports truncation, as
 * todoke_classifier_classify_bounce_full() does.
 *
 * Returns: (transfer container) (element-type TodokeDiagnosis): the diagnoses, or %NULL
 */
GPtrArray *
todoke_classifier_classify_file_full (TodokeClassifier  *self,
                                      GFile             *file,
                                      const char        *locale,
                                      GCancellable      *cancellable,
                                      TodokeTruncation  *truncated,
                                      GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (truncated != NULL)
    *truncated = TODOKE_TRUNCATION_NONE;
  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);

  if ((bytes = load_file (file, self->max_size, cancellable, error)) == NULL)
    return NULL;

  return todoke_classifier_classify_bounce_full (self, bytes, locale, truncated, error);
}

typedef struct
{
  GFile            *file;
  char             *locale;
  TodokeTruncation  truncated;
} FileTask;

static void
file_task_free (FileTask *data)
{
  g_object_unref (data->file);
  g_free (data->locale);
  g_free (data);
}

static void
classify_file_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  FileTask *data = task_data;
  GError *error = NULL;
  GPtrArray *result;

  result = todoke_classifier_classify_file_full (source_object, data->file, data->locale,
                                                 cancellable, &data->truncated, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * todoke_classifier_classify_file_async:
 * @self: a #TodokeClassifier
 * @file: a file holding one message or an mbox
 * @locale: (nullable): the language for the guides
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Reads and classifies one message file in a worker thread.
 */
void
todoke_classifier_classify_file_async (TodokeClassifier    *self,
                                       GFile               *file,
                                       const char          *locale,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FileTask *data;

  g_return_if_fail (TODOKE_IS_CLASSIFIER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FileTask, 1);
  data->file = g_object_ref (file);
  data->locale = g_strdup (locale);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, todoke_classifier_classify_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) file_task_free);
  g_task_run_in_thread (task, classify_file_thread);
}

/**
 * todoke_classifier_classify_file_finish:
 * @self: a #TodokeClassifier
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer container) (element-type TodokeDiagnosis): the diagnoses, or %NULL
 */
GPtrArray *
todoke_classifier_classify_file_finish (TodokeClassifier  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return todoke_classifier_classify_file_finish_full (self, result, NULL, error);
}

/**
 * todoke_classifier_classify_file_finish_full:
 * @self: a #TodokeClassifier
 * @result: the #GAsyncResult passed to the callback
 * @truncated: (out) (optional): which limits cut the reading short
 * @error: return location for a #GError
 *
 * Finishes todoke_classifier_classify_file_async() and reports truncation
 * as todoke_classifier_classify_bounce_full() does.
 *
 * Returns: (transfer container) (element-type TodokeDiagnosis): the diagnoses, or %NULL
 */
GPtrArray *
todoke_classifier_classify_file_finish_full (TodokeClassifier  *self,
                                             GAsyncResult      *result,
                                             TodokeTruncation  *truncated,
                                             GError           **error)
{
  FileTask *data;

  if (truncated != NULL)
    *truncated = TODOKE_TRUNCATION_NONE;
  g_return_val_if_fail (TODOKE_IS_CLASSIFIER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == todoke_classifier_classify_file_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (truncated != NULL)
    *truncated = data->truncated;

  return g_task_propagate_pointer (G_TASK (result), error);
}
