import LockOpenIcon from '@mui/icons-material/LockOpen';
import ViewListIcon from '@mui/icons-material/ViewList';
import { Slide } from '@mui/material';
import { createElement, startTransition, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { AppBar, Layout, Menu, useCreatePath, useGetResourceLabel, useResourceDefinitions, type AppBarProps } from 'react-admin';
import { AppSidebar } from './AppSidebar';
import { useScrolledDown } from './useScrolledDown';

/**
 * The menu entry of every resource the roles have (App.tsx registers only those), as react-admin's
 * `Menu.ResourceItems` draws them, without asking `canAccess` once per entry: the resources are
 * already the roles' (the auth provider has no canAccess), so each entry's own permission query
 * decided nothing and cost a query observer per entry on every start.
 */
function ResourceItems() {
  const resources = useResourceDefinitions();
  const getResourceLabel = useGetResourceLabel();
  const createPath = useCreatePath();
  return (
    <>
      {Object.keys(resources)
        .filter((name) => resources[name]!.hasList)
        .map((name) => (
          <Menu.Item
            key={name}
            to={createPath({ resource: name, type: 'list' })}
            state={{ _scrollToTop: true }}
            primaryText={<>{getResourceLabel(name, 2)}</>}
            leftIcon={resources[name]!.icon ? createElement(resources[name]!.icon as () => ReactElement) : <ViewListIcon />}
          />
        ))}
    </>
  );
}

/**
 * The resources' entries are drawn after the first commit, as a transition: on a cold start the
 * screen the address names (usually the customer list) renders first, and its rows, which arrive
 * meanwhile, take precedence over the menu (React interrupts a transition for them). The entries
 * appear in the same frame or the next ones; nothing else changes.
 */
export function AppMenu() {
  const [withResources, setWithResources] = useState(false);
  useEffect(() => {
    startTransition(() => setWithResources(true));
  }, []);
  return (
    <Menu>
      <Menu.DashboardItem />
      {withResources ? (
        <>
          <ResourceItems />
          <Menu.Item to="/my-access" primaryText="register.access.title" leftIcon={<LockOpenIcon />} />
        </>
      ) : null}
    </Menu>
  );
}

/**
 * react-admin's hide-on-scroll container with the same behaviour (hidden once scrolled down past
 * 100 px, shown again on any scroll up), reading the scroll position only when the page scrolls
 * (useScrolledDown).
 */
function HideOnScroll({ children, className }: { children: ReactElement; className?: string }) {
  const hidden = useScrolledDown();
  return (
    <Slide appear={false} direction="down" in={!hidden} className={className}>
      {children}
    </Slide>
  );
}

function AppAppBar(props: AppBarProps) {
  return props.alwaysOn ? <AppBar {...props} /> : <AppBar {...props} container={HideOnScroll} />;
}

export function AppLayout({ children }: { children: ReactNode }) {
  return (
    <Layout menu={AppMenu} appBar={AppAppBar} sidebar={AppSidebar}>
      {children}
    </Layout>
  );
}
