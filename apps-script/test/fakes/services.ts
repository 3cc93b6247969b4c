/// <reference types="google-apps-script" />
// In-memory PropertiesService, LockService, UrlFetchApp, ScriptApp, HtmlService, MailApp,
// Utilities and Session, typed by Pick<> against @types/google-apps-script and counted.
import {createHmac} from 'node:crypto';
import {count, tick, type World} from './world';

const as = <T>(x: unknown) => x as T;

/** Apps Script limits: 9 KB per value, 500 KB per store. */
export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;

function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

class FakeProperties implements Pick<
  GoogleAppsScript.Properties.Properties,
  | 'getProperty'
  | 'setProperty'
  | 'getProperties'
  | 'setProperties'
  | 'deleteProperty'
  | 'deleteAllProperties'
  | 'getKeys'
> {
  constructor(
    private readonly world: World,
    private readonly map: Map<string, string>,
    private readonly name: string,
  ) {}
  private c(n: string) {
    count(this.world, `Properties.${n}`);
  }
  private check(next: Map<string, string>) {
    let total = 0;
    for (const [k, v] of next) {
      if (bytes(v) > PROPERTY_VALUE_LIMIT)
        throw new Error(`Exception: Argument too large: value (${this.name} property ${k})`);
      total += bytes(k) + bytes(v);
    }
    if (total > PROPERTY_STORE_LIMIT) throw new Error('Exception: You have exceeded the property storage quota.');
  }
  getProperty(key: string): string | null {
    this.c('getProperty');
    return this.map.has(key) ? this.map.get(key)! : null;
  }
  getProperties(): {[key: string]: string} {
    this.c('getProperties');
    return Object.fromEntries(this.map);
  }
  getKeys(): string[] {
    this.c('getKeys');
    return [...this.map.keys()];
  }
  setProperty(key: string, value: string): GoogleAppsScript.Properties.Properties {
    this.c('setProperty');
    const next = new Map(this.map).set(key, String(value));
    this.check(next);
    this.map.set(key, String(value));
    return as(this);
  }
  setProperties(
    properties: {[key: string]: string},
    deleteAllOthers?: boolean,
  ): GoogleAppsScript.Properties.Properties {
    this.c('setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.map);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    this.check(next);
    this.map.clear();
    for (const [k, v] of next) this.map.set(k, v);
    return as(this);
  }
  deleteProperty(key: string): GoogleAppsScript.Properties.Properties {
    this.c('deleteProperty');
    this.map.delete(key);
    return as(this);
  }
  deleteAllProperties(): GoogleAppsScript.Properties.Properties {
    this.c('deleteAllProperties');
    this.map.clear();
    return as(this);
  }
}

export function fakePropertiesService(world: World): GoogleAppsScript.Properties.PropertiesService {
  const svc: Pick<
    GoogleAppsScript.Properties.PropertiesService,
    'getDocumentProperties' | 'getUserProperties' | 'getScriptProperties'
  > = {
    getDocumentProperties: () => as(new FakeProperties(world, world.props.document, 'document')),
    getUserProperties: () => as(new FakeProperties(world, world.props.user, 'user')),
    getScriptProperties: () => as(new FakeProperties(world, world.props.script, 'script')),
  };
  return as(svc);
}

/**
 * The document lock, shared by every execution of a world. JavaScript here is single-threaded, so
 * a busy lock cannot be waited for: tryLock answers false at once (the wait is counted as slept)
 * and waitLock throws the error Apps Script throws on timeout.
 */
export function fakeLockService(
  world: World,
  executionId: string,
  alwaysGrant = false,
): GoogleAppsScript.Lock.LockService {
  const lock: Pick<GoogleAppsScript.Lock.Lock, 'tryLock' | 'waitLock' | 'releaseLock' | 'hasLock'> = {
    tryLock(timeoutInMillis: number): boolean {
      count(world, 'Lock.tryLock');
      if (alwaysGrant) return true;
      if (world.lockHolder === null || world.lockHolder === executionId) {
        world.lockHolder = executionId;
        return true;
      }
      world.clock.ms += timeoutInMillis;
      return false;
    },
    waitLock(timeoutInMillis: number): void {
      count(world, 'Lock.waitLock');
      if (!lock.tryLock(timeoutInMillis))
        throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
    },
    releaseLock(): void {
      count(world, 'Lock.releaseLock');
      if (world.lockHolder === executionId) world.lockHolder = null;
    },
    hasLock(): boolean {
      count(world, 'Lock.hasLock');
      return world.lockHolder === executionId;
    },
  };
  const svc: Pick<GoogleAppsScript.Lock.LockService, 'getDocumentLock' | 'getScriptLock' | 'getUserLock'> = {
    getDocumentLock: () => {
      count(world, 'LockService.getDocumentLock');
      return as(lock);
    },
    getScriptLock: () => {
      count(world, 'LockService.getScriptLock');
      return as(lock);
    },
    getUserLock: () => {
      count(world, 'LockService.getUserLock');
      return as(lock);
    },
  };
  return as(svc);
}

export function fakeUrlFetchApp(world: World): GoogleAppsScript.URL_Fetch.UrlFetchApp {
  const app: Pick<GoogleAppsScript.URL_Fetch.UrlFetchApp, 'fetch'> = {
    fetch(
      url: string,
      params?: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions,
    ): GoogleAppsScript.URL_Fetch.HTTPResponse {
      count(world, 'UrlFetchApp.fetch');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(params?.headers ?? {})) headers[k.toLowerCase()] = String(v);
      if (params?.contentType) headers['content-type'] = params.contentType;
      const req = {
        url,
        method: String(params?.method ?? 'get').toUpperCase(),
        payload: typeof params?.payload === 'string' ? params.payload : undefined,
        headers,
        at: tick(world),
      };
      world.httpLog.push(req);
      const reply = world.http(req);
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      if (reply.status >= 400 && !params?.muteHttpExceptions) {
        throw new Error(
          `Exception: Request failed for ${url} returned code ${reply.status}. Truncated server response: ${text.slice(0, 100)}`,
        );
      }
      const res: Pick<GoogleAppsScript.URL_Fetch.HTTPResponse, 'getResponseCode' | 'getContentText' | 'getHeaders'> = {
        getResponseCode: () => reply.status,
        getContentText: () => text,
        getHeaders: () => ({...(reply.headers ?? {})}),
      };
      return as(res);
    },
  };
  return as(app);
}

export function fakeScriptApp(world: World): GoogleAppsScript.Script.ScriptApp {
  let seq = world.triggers.length;
  const create = (handler: string, kind: string, source: string) => () => {
    count(world, 'ScriptApp.create');
    const t = {id: `trigger-${++seq}`, handler, kind, source};
    world.triggers.push(t);
    return trigger(t);
  };
  const trigger = (t: World['triggers'][number]): GoogleAppsScript.Script.Trigger =>
    as({
      getHandlerFunction: () => t.handler,
      getUniqueId: () => t.id,
      getEventType: () => t.kind,
      getTriggerSource: () => t.source,
    });
  const app: Pick<
    GoogleAppsScript.Script.ScriptApp,
    'newTrigger' | 'getProjectTriggers' | 'deleteTrigger' | 'AuthMode' | 'EventType'
  > = {
    newTrigger(functionName: string) {
      count(world, 'ScriptApp.newTrigger');
      return as<GoogleAppsScript.Script.TriggerBuilder>({
        forSpreadsheet(_sheet: unknown) {
          return {
            onFormSubmit: () => ({create: create(functionName, 'ON_FORM_SUBMIT', 'SPREADSHEETS')}),
            onChange: () => ({create: create(functionName, 'ON_CHANGE', 'SPREADSHEETS')}),
            onOpen: () => ({create: create(functionName, 'ON_OPEN', 'SPREADSHEETS')}),
            onEdit: () => ({create: create(functionName, 'ON_EDIT', 'SPREADSHEETS')}),
          };
        },
        timeBased() {
          const b = {
            everyHours(n: number) {
              if (!(n >= 1)) throw new Error('Exception: The value for hours must be at least 1.');
              return {create: create(functionName, 'CLOCK', 'CLOCK')};
            },
            everyMinutes(n: number) {
              if (world.addon)
                throw new Error(
                  'Exception: Add-ons cannot create time-based triggers that run more often than once per hour.',
                );
              return {create: create(functionName, `CLOCK_${n}min`, 'CLOCK')};
            },
          };
          return b;
        },
      });
    },
    getProjectTriggers() {
      count(world, 'ScriptApp.getProjectTriggers');
      return world.triggers.map(trigger);
    },
    deleteTrigger(t: GoogleAppsScript.Script.Trigger) {
      count(world, 'ScriptApp.deleteTrigger');
      const id = t.getUniqueId();
      world.triggers = world.triggers.filter(x => x.id !== id);
    },
    AuthMode: as({NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL'}),
    EventType: as({
      CLOCK: 'CLOCK',
      ON_OPEN: 'ON_OPEN',
      ON_EDIT: 'ON_EDIT',
      ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
      ON_CHANGE: 'ON_CHANGE',
    }),
  };
  return as(app);
}

class FakeHtmlOutput {
  private title = '';
  constructor(private content: string) {}
  setTitle(title: string) {
    this.title = title;
    return this;
  }
  getTitle() {
    return this.title;
  }
  setWidth(_w: number) {
    return this;
  }
  setHeight(_h: number) {
    return this;
  }
  append(html: string) {
    this.content += html;
    return this;
  }
  getContent() {
    return this.content;
  }
}

export function fakeHtmlService(world: World): GoogleAppsScript.HTML.HtmlService {
  const svc: Pick<GoogleAppsScript.HTML.HtmlService, 'createHtmlOutput' | 'createHtmlOutputFromFile'> = {
    createHtmlOutput(html?: any) {
      count(world, 'HtmlService.createHtmlOutput');
      return as(new FakeHtmlOutput(String(html ?? '')));
    },
    createHtmlOutputFromFile(filename: string) {
      count(world, 'HtmlService.createHtmlOutputFromFile');
      const f = world.files[filename] ?? world.files[filename + '.html'];
      if (f === undefined) throw new Error(`Exception: No HTML file named ${filename} was found.`);
      return as(new FakeHtmlOutput(f));
    },
  };
  return as(svc);
}

export function fakeMailApp(world: World): GoogleAppsScript.Mail.MailApp {
  const app: Pick<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'> = {
    sendEmail(a: any, b?: any, c?: any, _d?: any): void {
      count(world, 'MailApp.sendEmail');
      if (world.mailQuota <= 0) throw new Error('Exception: Service invoked too many times for one day: email.');
      world.mailQuota--;
      const m =
        typeof a === 'string'
          ? {to: a, subject: String(b), body: String(c)}
          : {to: a.to, subject: a.subject, body: a.body ?? a.htmlBody};
      world.mail.push(m);
    },
    getRemainingDailyQuota() {
      count(world, 'MailApp.getRemainingDailyQuota');
      return world.mailQuota;
    },
  };
  return as(app);
}

export function fakeUtilities(world: World): GoogleAppsScript.Utilities.Utilities {
  const u: Pick<
    GoogleAppsScript.Utilities.Utilities,
    'sleep' | 'formatDate' | 'getUuid' | 'computeHmacSha256Signature'
  > = {
    sleep(milliseconds: number) {
      count(world, 'Utilities.sleep');
      world.sleeps.push(milliseconds);
      world.clock.ms += milliseconds;
    },
    formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
      count(world, 'Utilities.formatDate');
      const parts = Object.fromEntries(
        new Intl.DateTimeFormat('en-CA', {
          timeZone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        })
          .formatToParts(new Date((date as unknown as Date).getTime()))
          .map(p => [p.type, p.value]),
      );
      return format
        .replace('yyyy', parts.year)
        .replace('MM', parts.month)
        .replace('dd', parts.day)
        .replace('HH', parts.hour)
        .replace('mm', parts.minute)
        .replace('ss', parts.second);
    },
    // Google documents Byte[] in and out: Java's signed bytes, -128..127. Only the byte overload is
    // faked: the string one's default charset is not documented, so the add-on must not rely on it.
    computeHmacSha256Signature(value: GoogleAppsScript.Byte[] | string, key: GoogleAppsScript.Byte[] | string) {
      count(world, 'Utilities.computeHmacSha256Signature');
      if (!Array.isArray(value) || !Array.isArray(key)) throw new Error('fake Utilities: byte arrays only');
      for (const b of [...value, ...key]) {
        if (!Number.isInteger(b) || b < -128 || b > 127) throw new Error(`fake Utilities: ${b} is not a signed byte`);
      }
      const mac = createHmac('sha256', Buffer.from(key.map(b => b & 0xff)))
        .update(Buffer.from(value.map(b => b & 0xff)))
        .digest();
      return Array.from(mac, b => (b > 127 ? b - 256 : b));
    },
    getUuid() {
      count(world, 'Utilities.getUuid');
      return `uuid-${world.clock.ms}-${Object.keys(world.calls).length}`;
    },
  };
  return as(u);
}

export function fakeSession(world: World, user = 'owner@example.com'): GoogleAppsScript.Base.Session {
  const s: Pick<GoogleAppsScript.Base.Session, 'getScriptTimeZone' | 'getActiveUser' | 'getEffectiveUser'> = {
    getScriptTimeZone() {
      count(world, 'Session.getScriptTimeZone');
      return world.timeZone;
    },
    getActiveUser() {
      count(world, 'Session.getActiveUser');
      return as({getEmail: () => user});
    },
    getEffectiveUser() {
      count(world, 'Session.getEffectiveUser');
      return as({getEmail: () => user});
    },
  };
  return as(s);
}
