/* todoke-mta-amazonses.c: Amazon SES notifications sent as JSON by mail
 *
 * An SES configuration can have its bounce, complaint and delivery
 * notifications mailed through Amazon SNS (From: no-reply@sns.amazonaws.com,
 * header x-amz-sns-message-id). The body is one JSON object:
 *
 *   {"notificationType":"Bounce",
 *    "bounce":{"bounceType":"Permanent","bounceSubType":"General",
 *              "bouncedRecipients":[{"emailAddress":"taro@example.jp",
 *                "action":"failed","status":"5.1.1",
 *                "diagnosticCode":"smtp; 550 5.1.1 user unknown"}],
 *              "reportingMTA":"dsn; a1-2.smtp-out.amazonses.com"},
 *    "mail":{…}}
 *
 * "Complaint" lists complainedRecipients (a feedback report), "Delivery"
 * lists delivery.recipients with the smtpResponse; SES event publishing
 * names the type "eventType"; an "email-json" subscription wraps the
 * object in an SNS envelope whose "Message" is the JSON as a string. Mail
 * servers on the way may have cut the long line ("!" and a line break).
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "todoke-dsn-private.h"
#include "todoke-mta-providers-private.h"
#include "todoke-text-private.h"

static gboolean
is_sns_notification (TodokeMessage *message)
{
  const char *p = message->body;

  if (_todoke_message_get_header (message, "x-amz-sns-message-id") == NULL &&
      !_todoke_mta_header_has (message, "From", "@sns.amazonaws.com"))
    return FALSE;
  while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
    p++;

  return *p == '{';
}

/* The JSON object of the body as one line: without the line breaks mail
 * servers insert into long lines ("!" CR LF SP, as sendmail does). */
static char *
joined_json (const char *body)
{
  const char *start = strchr (body, '{');
  const char *end = strrchr (body, '}');
  GString *out;
  const char *p;

  if (start == NULL || end == NULL || end < start)
    return NULL;
  out = g_string_sized_new (end - start + 1);
  for (p = start; p <= end; p++)
    {
      if (*p == '!' && (p[1] == '\n' || (p[1] == '\r' && p[2] == '\n')))
        {
          p += p[1] == '\r' ? 2 : 1;
          if (p[1] == ' ')
            p++;
          continue;
        }
      if (*p != '\r' && *p != '\n')
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

/* Elements read without trusting their type: the JSON came by mail. */
static JsonObject *
element_object (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
element_string (JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static TodokeRecord *
add_recipient (TodokeRecords *records,
               const char    *value,
               const char    *action)
{
  g_autofree char *address = _todoke_text_clean_address (value);
  TodokeRecord *record;

  if (address == NULL || (record = _todoke_mta_record_for (records, address)) == NULL)
    return NULL;
  g_free (record->action);
  record->action = g_strdup (action);

  return record;
}

/* "dsn; a27-29.smtp-out.us-west-2.amazonses.com" or a bare name. */
static char *
reporting_host (const char *value)
{
  const char *semi;

  if (value == NULL)
    return NULL;
  semi = strchr (value, ';');

  return _todoke_mta_take_host (semi != NULL ? semi + 1 : value);
}

static void
read_bounce (JsonObject    *bounce,
             TodokeRecords *records)
{
  JsonArray *recipients = member_array (bounce, "bouncedRecipients");
  const char *type = member_string (bounce, "bounceType");
  const char *subtype = member_string (bounce, "bounceSubType");
  g_autofree char *reporting = reporting_host (member_string (bounce, "reportingMTA"));
  const char *remote = member_string (bounce, "remoteMtaIp");
  guint i;

  for (i = 0; recipients != NULL && i < json_array_get_length (recipients); i++)
    {
      JsonObject *entry = element_object (recipients, i);
      const char *action = member_string (entry, "action");
      TodokeRecord *record = add_recipient (records, member_string (entry, "emailAddress"),
                                            action != NULL ? action : "failed");

      if (record == NULL)
        continue;
      _todoke_record_take_status (record, member_string (entry, "status"));
      _todoke_dsn_apply_diagnostic (record, member_string (entry, "diagnosticCode"));
      /* Without the server's words, SES's own classification is all there is. */
      if (record->diagnostic == NULL && type != NULL)
        {
          g_autofree char *words = g_strdup_printf ("Amazon SES bounce: %s (%s)", type,
                                                    subtype != NULL ? subtype : "General");

          _todoke_record_set_diagnostic (record, words);
        }
      _todoke_mta_fill_from_text (record, record->diagnostic);
      /* A recipient listed twice keeps what was read last. */
      g_free (record->reporting_mta);
      record->reporting_mta = g_strdup (reporting);
      g_free (record->remote_host);
      record->remote_host = remote != NULL ? _todoke_mta_take_host (remote) : NULL;
    }
}

static void
read_complaint (JsonObject    *complaint,
                TodokeRecords *records)
{
  JsonArray *recipients = member_array (complaint, "complainedRecipients");
  const char *type = member_string (complaint, "complaintFeedbackType");
  guint i;

  for (i = 0; recipients != NULL && i < json_array_get_length (recipients); i++)
    {
      JsonObject *entry = element_object (recipients, i);
      TodokeRecord *record = add_recipient (records, member_string (entry, "emailAddress"), NULL);

      if (record == NULL)
        continue;
      record->hint = g_intern_static_string ("feedback");
      g_free (record->feedback_type);
      record->feedback_type = g_strdup (type != NULL ? type : "abuse");
    }
}

static void
read_delivery (JsonObject    *delivery,
               TodokeRecords *records)
{
  JsonArray *recipients = member_array (delivery, "recipients");
  const char *response = member_string (delivery, "smtpResponse");
  g_autofree char *reporting = reporting_host (member_string (delivery, "reportingMTA"));
  guint i;

  for (i = 0; recipients != NULL && i < json_array_get_length (recipients); i++)
    {
      TodokeRecord *record = add_recipient (records,
                                            element_string (recipients, i),
                                            "delivered");
      const char *rest = response;

      if (record == NULL)
        continue;
      _todoke_dsn_apply_diagnostic (record, response);
      /* "250 2.6.0 Message received": the status of a success. */
      if (rest != NULL && g_ascii_isdigit (rest[0]) && record->status[0] == '\0')
        {
          rest += strspn (rest, "0123456789");
          _todoke_record_take_status (record, rest);
        }
      g_free (record->reporting_mta);
      record->reporting_mta = g_strdup (reporting);
    }
}

/* The notification itself, inside an SNS envelope or not. */
static JsonObject *
notification_of (JsonObject  *root,
                 JsonParser **inner)
{
  const char *message = member_string (root, "Message");
  JsonNode *node;

  if (member_string (root, "notificationType") != NULL || member_string (root, "eventType") != NULL)
    return root;
  if (message == NULL)
    return NULL;
  *inner = json_parser_new ();
  if (!json_parser_load_from_data (*inner, message, -1, NULL))
    return NULL;
  node = json_parser_get_root (*inner);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

gboolean
_todoke_mta_read_amazonses (TodokeMessage *message,
                            TodokeRecords *records)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) inner = NULL;
  g_autofree char *json = NULL;
  JsonObject *notification;
  JsonNode *root;
  const char *type;
  guint before = records->list->len;

  if (before > 0 || !is_sns_notification (message) || (json = joined_json (message->body)) == NULL)
    return FALSE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  notification = notification_of (json_node_get_object (root), &inner);
  if (notification == NULL)
    return FALSE;

  type = member_string (notification, "notificationType");
  if (type == NULL)
    type = member_string (notification, "eventType");
  if (g_strcmp0 (type, "Bounce") == 0)
    read_bounce (member_object (notification, "bounce"), records);
  else if (g_strcmp0 (type, "Complaint") == 0)
    read_complaint (member_object (notification, "complaint"), records);
  else if (g_strcmp0 (type, "Delivery") == 0)
    read_delivery (member_object (notification, "delivery"), records);

  return records->list->len > before;
}
