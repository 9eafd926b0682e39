/* todoke-diagnosis.c: one classified failure, immutable
 *
 * SPDX-FileCopyrightText: 2026 The Todoke authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "todoke-diagnosis-private.h"
#include "todoke-enum-types.h"

struct _TodokeDiagnosis
{
  GObject         parent_instance;

  const char     *reason;         /* interned; what the "reason" field reports */
  const char     *detail;         /* interned refinement id, nullable */
  TodokeSeverity  severity;
  TodokeOwner     owner;
  gboolean        retry;
  guint           reply_code;
  char           *status;
  char           *recipient;
  char           *remote_host;
  const char     *provider;       /* interned */
  char           *provider_name;
  const char     *command;        /* static */
  const char     *rule_id;        /* interned */
  char           *server_message; /* as received */
  TodokeGuide    *guide;          /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (TodokeDiagnosis, todoke_diagnosis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REASON,
  PROP_DETAIL,
  PROP_SEVERITY,
  PROP_OWNER,
  PROP_REPLY_CODE,
  PROP_ENHANCED_STATUS,
  PROP_RECIPIENT,
  PROP_REMOTE_HOST,
  PROP_PROVIDER,
  PROP_SERVER_MESSAGE,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
todoke_diagnosis_finalize (GObject *object)
{
  TodokeDiagnosis *self = (TodokeDiagnosis *) object;

  g_free (self->status);
  g_free (self->recipient);
  g_free (self->remote_host);
  g_free (self->provider_name);
  g_free (self->server_message);
  g_clear_pointer (&self->guide, todoke_guide_unref);

  G_OBJECT_CLASS (todoke_diagnosis_parent_class)->finalize (object);
}

static void
todoke_diagnosis_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TodokeDiagnosis *self = TODOKE_DIAGNOSIS (object);

  switch (prop_id)
    {
    case PROP_REASON: g_value_set_string (value, self->reason); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_OWNER: g_value_set_enum (value, self->owner); break;
    case PROP_REPLY_CODE: g_value_set_uint (value, self->reply_code); break;
    case PROP_ENHANCED_STATUS: g_value_set_string (value, self->status); break;
    case PROP_RECIPIENT: g_value_set_string (value, self->recipient); break;
    case PROP_REMOTE_HOST: g_value_set_string (value, self->remote_host); break;
    case PROP_PROVIDER: g_value_set_string (value, self->provider); break;
    case PROP_SERVER_MESSAGE: g_value_set_string (value, self->server_message); break;
    case PROP_TITLE: g_value_set_string (value, todoke_diagnosis_get_title (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
todoke_diagnosis_class_init (TodokeDiagnosisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = todoke_diagnosis_finalize;
  object_class->get_property = todoke_diagnosis_get_property;

  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] = g_param_spec_enum ("severity", NULL, NULL, TODOKE_TYPE_SEVERITY,
                                                  TODOKE_SEVERITY_NONE, flags);
  properties[PROP_OWNER] = g_param_spec_enum ("owner", NULL, NULL, TODOKE_TYPE_OWNER,
                                               TODOKE_OWNER_UNKNOWN, flags);
  properties[PROP_REPLY_CODE] = g_param_spec_uint ("reply-code", NULL, NULL, 0, 599, 0, flags);
  properties[PROP_ENHANCED_STATUS] = g_param_spec_string ("enhanced-status", NULL, NULL, NULL, flags);
  properties[PROP_RECIPIENT] = g_param_spec_string ("recipient", NULL, NULL, NULL, flags);
  properties[PROP_REMOTE_HOST] = g_param_spec_string ("remote-host", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER] = g_param_spec_string ("provider", NULL, NULL, NULL, flags);
  properties[PROP_SERVER_MESSAGE] = g_param_spec_string ("server-message", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
todoke_diagnosis_init (TodokeDiagnosis *self)
{
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

TodokeDiagnosis *
_todoke_diagnosis_new (const TodokeReasonInfo *info,
                       const TodokeRecord     *record,
                       const char             *rule_id,
                       TodokeSeverity          severity,
                       const char             *provider,
                       const char             *provider_name,
                       TodokeGuide            *guide)
{
  TodokeDiagnosis *self = g_object_new (TODOKE_TYPE_DIAGNOSIS, NULL);

  /* Refinements report their parent, as Sisimai-compatible tools expect;
   * send_* ids stand for themselves. */
  if (info->parent != NULL && !g_str_has_prefix (info->id, "send_"))
    {
      self->reason = info->parent;
      self->detail = info->id;
    }
  else
    self->reason = info->id;

  self->severity = severity;
  self->owner = info->owner;
  self->retry = info->retry;
  self->reply_code = record->reply_code;
  self->status = dup_nonempty (record->status);
  self->recipient = dup_nonempty (record->recipient);
  self->remote_host = dup_nonempty (record->remote_host);
  self->provider = provider;
  self->provider_name = g_strdup (provider_name);
  self->command = _todoke_command_to_string (record->command);
  self->rule_id = rule_id;
  self->server_message = dup_nonempty (record->verbatim != NULL ? record->verbatim
                                                                 : record->diagnostic);
  self->guide = guide;

  return self;
}

/**
 * todoke_diagnosis_get_reason:
 * @self: a #TodokeDiagnosis
 *
 * The reason in the Sisimai-compatible vocabulary (`userunknown`,
 * `mailboxfull`, …), or a `send_*` id for a failure met while sending.
 * A refinement reports its parent here and itself in
 * todoke_diagnosis_get_detail().
 *
 * Returns: the reason id
 */
const char *
todoke_diagnosis_get_reason (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->reason;
}

/**
 * todoke_diagnosis_get_detail:
 * @self: a #TodokeDiagnosis
 *
 * The refinement of the reason where the fix differs from the parent's,
 * such as `filtered_jp_carrier` under `filtered`.
 *
 * Returns: (nullable): the refinement id, or %NULL
 */
const char *
todoke_diagnosis_get_detail (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->detail;
}

/**
 * todoke_diagnosis_get_guide_id:
 * @self: a #TodokeDiagnosis
 *
 * The most specific id: the detail if there is one, else the reason. This
 * is the id whose guide explains the failure.
 *
 * Returns: a reason id
 */
const char *
todoke_diagnosis_get_guide_id (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->detail != NULL ? self->detail : self->reason;
}

/**
 * todoke_diagnosis_get_severity:
 * @self: a #TodokeDiagnosis
 *
 * Returns: whether the failure is hard, soft or not a failure at all
 */
TodokeSeverity
todoke_diagnosis_get_severity (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), TODOKE_SEVERITY_NONE);
  return self->severity;
}

/**
 * todoke_diagnosis_is_hard:
 * @self: a #TodokeDiagnosis
 *
 * Returns: %TRUE for a hard failure: sending again unchanged will not work
 */
gboolean
todoke_diagnosis_is_hard (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), FALSE);
  return self->severity == TODOKE_SEVERITY_HARD;
}

/**
 * todoke_diagnosis_get_owner:
 * @self: a #TodokeDiagnosis
 *
 * Returns: who has to act
 */
TodokeOwner
todoke_diagnosis_get_owner (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), TODOKE_OWNER_UNKNOWN);
  return self->owner;
}

/**
 * todoke_diagnosis_get_retry:
 * @self: a #TodokeDiagnosis
 *
 * Returns: whether sending the same message again later can help
 */
gboolean
todoke_diagnosis_get_retry (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), FALSE);
  return self->retry;
}

/**
 * todoke_diagnosis_get_reply_code:
 * @self: a #TodokeDiagnosis
 *
 * Returns: the SMTP reply code (such as 550), or 0 if the report had none
 */
guint
todoke_diagnosis_get_reply_code (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), 0);
  return self->reply_code;
}

/**
 * todoke_diagnosis_get_enhanced_status:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the RFC 3463 status code such as `5.1.1`
 */
const char *
todoke_diagnosis_get_enhanced_status (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->status;
}

/**
 * todoke_diagnosis_get_recipient:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the address that failed
 */
const char *
todoke_diagnosis_get_recipient (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->recipient;
}

/**
 * todoke_diagnosis_get_remote_host:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the server that refused the message, if known
 */
const char *
todoke_diagnosis_get_remote_host (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->remote_host;
}

/**
 * todoke_diagnosis_get_provider:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the provider id whose rules applied, such as `gmail`
 */
const char *
todoke_diagnosis_get_provider (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->provider;
}

/**
 * todoke_diagnosis_get_provider_name:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the provider's display name, such as `Gmail`
 */
const char *
todoke_diagnosis_get_provider_name (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->provider_name;
}

/**
 * todoke_diagnosis_get_command:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the SMTP stage that failed (`RCPT`, `DATA`, …)
 */
const char *
todoke_diagnosis_get_command (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->command;
}

/**
 * todoke_diagnosis_get_rule_id:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the rule that decided, for debugging rule data
 */
const char *
todoke_diagnosis_get_rule_id (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->rule_id;
}

/**
 * todoke_diagnosis_get_server_message:
 * @self: a #TodokeDiagnosis
 *
 * The server's own words exactly as they were received: a multi-line
 * reply keeps its line breaks (as `\n`), and nothing is inserted, moved or
 * normalised (only CR LF becomes `\n`, blank space around the whole text is
 * dropped and invalid UTF-8 is replaced). Show them under the guide; never
 * use them as advice.
 *
 * Returns: (nullable): the server's message
 */
const char *
todoke_diagnosis_get_server_message (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->server_message;
}

/**
 * todoke_diagnosis_get_guide:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (transfer none) (nullable): the localized guide for this failure
 */
TodokeGuide *
todoke_diagnosis_get_guide (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->guide;
}

/**
 * todoke_diagnosis_get_locale:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the language the guide is written in, such as `ja`
 */
const char *
todoke_diagnosis_get_locale (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->guide != NULL ? todoke_guide_get_language (self->guide) : NULL;
}

/**
 * todoke_diagnosis_get_title:
 * @self: a #TodokeDiagnosis
 *
 * Returns: (nullable): the localized one-line title of the guide
 */
const char *
todoke_diagnosis_get_title (TodokeDiagnosis *self)
{
  g_return_val_if_fail (TODOKE_IS_DIAGNOSIS (self), NULL);
  return self->guide != NULL ? todoke_guide_get_title (self->guide) : NULL;
}

/**
 * todoke_severity_to_string:
 * @severity: a #TodokeSeverity
 *
 * Returns: `hard`, `soft` or `none`
 */
const char *
todoke_severity_to_string (TodokeSeverity severity)
{
  switch (severity)
    {
    case TODOKE_SEVERITY_HARD: return "hard";
    case TODOKE_SEVERITY_SOFT: return "soft";
    case TODOKE_SEVERITY_NONE:
    default:
      return "none";
    }
}

/**
 * todoke_owner_to_string:
 * @owner: a #TodokeOwner
 *
 * Returns: the owner's nick, as written in the rule data (`sender-admin`, …)
 */
const char *
todoke_owner_to_string (TodokeOwner owner)
{
  switch (owner)
    {
    case TODOKE_OWNER_SENDER: return "sender";
    case TODOKE_OWNER_SENDER_ADMIN: return "sender-admin";
    case TODOKE_OWNER_RECIPIENT: return "recipient";
    case TODOKE_OWNER_RECIPIENT_ADMIN: return "recipient-admin";
    case TODOKE_OWNER_NETWORK: return "network";
    case TODOKE_OWNER_NOBODY: return "nobody";
    case TODOKE_OWNER_UNKNOWN:
    default:
      return "unknown";
    }
}
