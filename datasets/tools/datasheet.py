"""Regenerate datasets/DATASHEET.md from feedback.jsonl: python datasets/tools/datasheet.py

All composition numbers in the datasheet come from this script and DATASHEET.tmpl.
"""
import json, hashlib, statistics, re, collections, datetime
import numpy as np
from pathlib import Path
HERE = Path(__file__).resolve().parent
P = HERE.parent / 'feedback.jsonl'
raw=open(P,'rb').read()
sha=hashlib.sha256(raw).hexdigest()[:12]
R=[json.loads(l) for l in raw.decode().splitlines() if l.strip()]
N=len(R); C=collections.Counter
SPL=['train','dev','test','realmix']
sp=C(r['split'] for r in R)
def pct(n,d=N): return f"{100*n/d:.1f}%"
TH=["skills_gap","experience","communication","culture_fit","interview_preparation","logistics","competition"]
TONES=['positive','neutral','negative','mixed']
def by_split(pred):
    return [sum(1 for r in R if r['split']==s and pred(r)) for s in SPL]
def row(label,pred):
    tot=sum(1 for r in R if pred(r)); ps=by_split(pred)
    return f"| {label} | {tot} | {pct(tot)} | " + " | ".join(f"{v} ({pct(v,sp[s])})" for v,s in zip(ps,SPL)) + " |"
HDR="| {} | n | % of all | train (% of train) | dev (% of dev) | test (% of test) | realmix (% of realmix) |\n|---|---|---|---|---|---|---|"
def table(name,key,order=None):
    c=C(key(r) for r in R); ks=order or [k for k,_ in c.most_common()]
    return "\n".join([HDR.format(name)]+[row(k,lambda r,k=k:key(r)==k) for k in ks])
out={}
out['date']=str(datetime.date.today()); out['sha']=sha; out['N']=N
out['split']="| split | n | % |\n|---|---|---|\n"+"\n".join(f"| {s} | {sp[s]} | {pct(sp[s])} |" for s in SPL)+f"\n| total | {N} | 100% |"
d=C(r['id'].rsplit('-',1)[0] for r in R)
keys=sorted(d,key=lambda x:('wtpx'.index(x[0]),int(x[1:]) if x[1:].isdigit() else x[1:]))
out['passes']="| draft | "+" | ".join(keys)+" |\n|"+"---|"*(len(keys)+1)+"\n| examples | "+" | ".join(str(d[k]) for k in keys)+" |"
out['register']=table('register',lambda r:r['register'])
out['seniority']=table('seniority',lambda r:r['seniority'],['intern','entry','mid','senior','lead','executive'])
out['tone']=table('tone',lambda r:r['tone'],TONES)
out['kind']=table('kind',lambda r:r.get('kind','(unlabeled)'),['rejection','offer','invitation','other'])
themed=[r for r in R if r['themes']]
cov=sum(1 for r in themed if all((r.get('rationales') or {}).get(t) for t in r['themes']))
out['rationale_cov']=f"{cov} of {len(themed)} examples with a theme ({pct(cov,len(themed))})"
out['review_fixes']=sum(1 for r in R if r.get('review_fix'))
out['themes']="\n".join([HDR.format('theme')]+[row(t,lambda r,t=t:t in r['themes']) for t in TH]
    +[row('(no theme)',lambda r:not r['themes']), row('2+ themes',lambda r:len(r['themes'])>=2), row('hard',lambda r:r['hard'])])
tc=C(len(r['themes']) for r in R)
out['ntheme']=", ".join(f"{k}: {tc[k]} ({pct(tc[k])})" for k in sorted(tc))
f_trd=C(r['field'] for r in R if r['split']!='test'); f_te=C(r['field'] for r in R if r['split']=='test')
out['nfield']=len(f_trd)+len(f_te); out['nf_trd']=len(f_trd); out['nf_te']=len(f_te); out['f_overlap']=len(set(f_trd)&set(f_te))
out['fields_trd']="; ".join(f"{k} {v}" for k,v in f_trd.most_common())
out['fields_te']="; ".join(f"{k} {v}" for k,v in f_te.most_common())
L=sorted(len(r['text'].split()) for r in R)
def lenrow(name,xs):
    xs=sorted(xs); n=len(xs)
    return (f"| {name} | {xs[0]} | {statistics.median(xs):g} | {np.percentile(xs,90):g} | {xs[-1]} | "
            f"{sum(x<20 for x in xs)} ({pct(sum(x<20 for x in xs),n)}) | {sum(20<=x<=150 for x in xs)} ({pct(sum(20<=x<=150 for x in xs),n)}) | "
            f"{sum(x>150 for x in xs)} ({pct(sum(x>150 for x in xs),n)}) | {sum(x>=250 for x in xs)} ({pct(sum(x>=250 for x in xs),n)}) |")
out['length']=("| | min | median | p90 | max | <20 | 20-150 | >150 | >=250 |\n|---|---|---|---|---|---|---|---|---|\n"
    +lenrow('all',L)+"\n"+"\n".join(lenrow(s,[len(r['text'].split()) for r in R if r['split']==s]) for s in SPL))
def tri(t):
    w=re.findall(r"\w+",t.lower()); return set(zip(w,w[1:],w[2:]))
S=[tri(r['text']) for r in R]
has=set(); pairs=[]
for i in range(N):
    si=S[i]
    if not si: continue
    for j in range(i+1,N):
        sj=S[j]
        if not sj: continue
        a,b=len(si),len(sj)
        if min(a,b)/max(a,b)<0.6: continue
        c=len(si&sj)
        if c/(a+b-c)>=0.6: has.add(i);has.add(j);pairs.append((R[i]['id'],R[j]['id']))
cross=sum(1 for a,b in pairs if (a[0] in 'tx')!=(b[0] in 'tx'))
out['nd_n']=len(has); out['nd_pct']=pct(len(has)); out['nd_pairs']=len(pairs); out['nd_cross']=cross
out['nd_list']=", ".join(f"`{a}`/`{b}`" for a,b in pairs[:6]) or "none"
out['empty_tri']=sum(1 for s in S if not s)
out['nt']=pct(sum(not r['themes'] for r in R)); out['mt']=pct(sum(len(r['themes'])>=2 for r in R)); out['hard']=pct(sum(r['hard'] for r in R))
out['nreg']=len(C(r['register'] for r in R))
out['short']=pct(sum(x<20 for x in L)); out['long']=pct(sum(x>150 for x in L)); out['vlong']=sum(x>=250 for x in L)
out['median']=f"{statistics.median(L):g}"
out['entry_mid']=pct(sum(r['seniority'] in('intern','entry','mid') for r in R))
out['trd']=sp['train']+sp['dev']
out['devshare']=pct(sp['dev'],sp['train']+sp['dev'])
tmpl=(HERE / 'DATASHEET.tmpl').read_text('utf-8')
(HERE.parent / 'DATASHEET.md').write_text(tmpl.format(**out), 'utf-8')
print(json.dumps({k:v for k,v in out.items() if '\n' not in str(v)},indent=0))
