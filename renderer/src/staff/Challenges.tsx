import { useState, type FormEvent } from 'react';
import { CHALLENGE_TYPES } from '../../../shared/challenge-types.js';
import type { ChallengeType } from '../../../shared/leaderboard.js';
import { describeError, staffFetch } from './staff-api.js';
import type { StaffPageProps } from './StaffApp.js';

/** What each type counts, in desk words, and the metric the boards read for it. */
const TYPES: Record<ChallengeType, { label: string; metric: string }> = {
  distance: { label: 'Distance (metres rowed, ridden, skied…)', metric: 'meters' },
  time: { label: 'Time on the machines', metric: 'minutes' },
  workouts: { label: 'Number of workouts', metric: 'workout_count' },
  pr_count: { label: 'Personal records set', metric: 'pr_count' },
  consistency: { label: 'Days trained (consistency)', metric: 'active_days' },
  team: { label: 'Team (metres, summed per team)', metric: 'meters' },
  improvement: { label: 'Improvement (500 m pace, % better)', metric: 'avg_pace_500m' },
};
const MACHINES = ['rower', 'bike', 'ski', 'treadmill', 'cross_trainer'] as const;

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Create a challenge for a gym without the cloud; it shows on the leaderboard screens at once. */
export function Challenges({ onError }: StaffPageProps) {
  const today = new Date().toISOString().slice(0, 10);
  const [name, setName] = useState('');
  const [type, setType] = useState<ChallengeType>('distance');
  const [startDate, setStart] = useState(today);
  const [endDate, setEnd] = useState(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const [target, setTarget] = useState('');
  const [divisions, setDivisions] = useState('');
  const [teams, setTeams] = useState('');
  const [prizes, setPrizes] = useState('');
  const [multipliers, setMultipliers] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const machineMultipliers = Object.fromEntries(Object.entries(multipliers).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, Number(v)]));
    const prizeMap = Object.fromEntries(lines(prizes).map((line, i) => [String(i + 1), line]));
    const teamList = lines(teams).map((teamName, i) => ({ id: `t${i + 1}`, name: teamName, memberIds: [] }));
    try {
      const answer = await staffFetch<{ challenge: { id: string; name: string } }>('/api/staff/challenges', {
        method: 'POST',
        body: {
          name,
          type,
          metric: TYPES[type].metric,
          startDate,
          endDate: `${endDate}T23:59:59Z`,
          target: target.trim() ? Number(target) : null,
          divisions: divisions.split(',').map((d) => d.trim()).filter(Boolean),
          machineMultipliers,
          isTeamChallenge: type === 'team',
          teams: teamList,
          prizes: Object.keys(prizeMap).length ? prizeMap : null,
        },
      });
      setNote({ ok: true, text: `Created “${answer.challenge.name}”: it is on the leaderboard screens now (/screen/leaderboard?challenge=${answer.challenge.id}).` });
    } catch (failure) {
      onError(failure);
      setNote({ ok: false, text: describeError(failure) });
    }
  };
  return (
    <form className="staff-card staff-form-grid" onSubmit={submit}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        What counts
        <select value={type} onChange={(e) => setType(e.target.value as ChallengeType)}>
          {CHALLENGE_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPES[t].label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Starts
        <input type="date" value={startDate} onChange={(e) => setStart(e.target.value)} required />
      </label>
      <label>
        Ends (last day)
        <input type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} required />
      </label>
      <label>
        Goal per member (optional, in the unit counted)
        <input inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
      </label>
      <label>
        Divisions (comma-separated, e.g. Rx, Scaled)
        <input value={divisions} onChange={(e) => setDivisions(e.target.value)} />
      </label>
      <fieldset className="staff-plain staff-span">
        <legend>Machine multipliers (empty = counts fully; 0.5 = half; 0 = does not count)</legend>
        <div className="staff-row">
          {MACHINES.map((m) => (
            <label key={m} className="staff-stack">
              {m.replace('_', ' ')}
              <input inputMode="decimal" value={multipliers[m] ?? ''} onChange={(e) => setMultipliers({ ...multipliers, [m]: e.target.value })} />
            </label>
          ))}
        </div>
      </fieldset>
      {type === 'team' ? (
        <label>
          Teams (one name per line)
          <textarea rows={3} value={teams} onChange={(e) => setTeams(e.target.value)} />
        </label>
      ) : null}
      <label>
        Prizes (one per line: 1st, 2nd, …)
        <textarea rows={3} value={prizes} onChange={(e) => setPrizes(e.target.value)} />
      </label>
      <div className="staff-span">
        <button type="submit" disabled={!name.trim()}>
          Create challenge
        </button>
        {note ? (
          <p className={note.ok ? 'staff-good' : 'staff-error'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </p>
        ) : null}
      </div>
    </form>
  );
}
