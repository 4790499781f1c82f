// Reads an iCalendar feed from stdin with ical.js (the parser of Thunderbird's calendar) and prints what a
// client sees as JSON: the calendar's name and each event with its dates, transparency and alarms, the alarm's
// moment worked out by ical.js itself (local, floating, as for an all-day event). Run by IcalJsFeedTest.
import ICAL from 'ical.js';
import {readFileSync} from 'node:fs';

const text = readFileSync(0, 'utf8');
const calendar = new ICAL.Component(ICAL.parse(text));
if (calendar.name !== 'vcalendar') {
  throw new Error('not a VCALENDAR: ' + calendar.name);
}
const events = calendar.getAllSubcomponents('vevent').map(component => {
  const event = new ICAL.Event(component);
  const alarms = component.getAllSubcomponents('valarm').map(alarm => {
    const trigger = alarm.getFirstPropertyValue('trigger');
    let at = null;
    if (trigger instanceof ICAL.Duration) {
      const moment = event.startDate.clone();
      moment.isDate = false;
      moment.addDuration(trigger);
      at = moment.toString();
    } else if (trigger) {
      at = trigger.toString();
    }
    return {
      action: alarm.getFirstPropertyValue('action'),
      trigger: trigger ? trigger.toString() : null,
      at,
      description: alarm.getFirstPropertyValue('description')
    };
  });
  return {
    uid: event.uid,
    summary: event.summary,
    start: event.startDate ? event.startDate.toString() : null,
    end: event.endDate ? event.endDate.toString() : null,
    allDay: event.startDate ? event.startDate.isDate : null,
    transp: component.getFirstPropertyValue('transp'),
    alarms
  };
});
process.stdout.write(JSON.stringify({
  name: calendar.getFirstPropertyValue('name'),
  xWrCalname: calendar.getFirstPropertyValue('x-wr-calname'),
  events
}));
